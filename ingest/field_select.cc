// Choosing the document's own date and total among all the dates and amounts
// its text mentions (deadlines, delivery dates, unit prices, tax lines …).
#include <algorithm>
#include <map>
#include <vector>

#include "core/utf8.h"
#include "ingest/field_scan_internal.h"
#include "ingest/fields_internal.h"

namespace dangan::ingest::internal {
namespace {

// Labels of dates that are not the document's: deliveries, deadlines, terms.
bool IsOtherDateLabel(std::u32string_view w) {
  return ContainsAny(
      w, {U"到货日期", U"交货日期",      U"交付日期",      U"生效日期",      U"归还日期",
          U"开工日期", U"竣工日期",      U"完工日期",      U"到期日",        U"付款日期",
          U"还款日期", U"起始日期",      U"开始日期",      U"结束日期",      U"终止日期",
          U"有效期",   U"期限",          U"出生日期",      U"成立日期",      U"注册日期",
          U"受理日期", U"截止日期",      U"shipment date", U"delivery date", U"required date",
          U"due date", U"valid until",   U"expiry",        U"expiration",    U"start date",
          U"end date", U"date of birth", U"deadline",      U"period"});
}

bool IsOwnDateLabel(std::u32string_view w) {
  return ContainsAny(w, {U"签订", U"签署", U"签约", U"签字", U"开票", U"填开", U"申请", U"填表",
                         U"登记", U"发文", U"出具", U"日期", U"时间", U"date"});
}

int DateScore(const FieldText& ft, const DateMatch& d, int repeats) {
  const std::u32string& lower = ft.lower();
  int score = std::min(repeats - 1, 3);
  std::u32string_view window = LabelWindow(ft, d.begin, 14);
  if (IsOtherDateLabel(window)) {
    score -= 6;
  } else if (IsOwnDateLabel(window)) {
    score += 4;
  }
  // Deadlines and ranges: "于…前", "自…起", "…至…", "by 10 December".
  size_t line = ft.LineOf(d.begin);
  size_t line_end = ft.LineEnd(line);
  std::u32string_view after =
      std::u32string_view(lower).substr(d.end, std::min<size_t>(4, line_end - d.end));
  if (ContainsAny(after, {U"前", U"起", U"至", U"止", U"内", U"以后", U"之后"})) score -= 4;
  size_t b = ft.LineBegin(line);
  size_t from = d.begin - std::min<size_t>(8, d.begin - b);
  std::u32string_view before = std::u32string_view(lower).substr(from, d.begin - from);
  if (ContainsAny(before, {U"自", U"至", U"从", U"by ", U"before ", U"from ", U"to ", U"after ",
                           U"within ", U"until "}))
    score -= 3;
  // "于2023年3月15日签订", "signed on …": the day the document was made.
  if (ContainsAny(after, {U"签订", U"签署", U"签字", U"订立", U"生效"}) ||
      ContainsAny(before, {U"made on", U"signed on", U"entered into on", U"dated"}))
    score += 3;
  std::u32string_view whole = ft.TrimmedLine(line);
  if (whole.size() == d.end - d.begin) score += 2;  // a date alone on its line: letters, cells
  return score;
}

}  // namespace

std::optional<std::string> FindDocumentDate(const FieldText& ft) {
  std::vector<DateMatch> dates = FindDates(ft.text());
  if (dates.empty()) return std::nullopt;
  std::map<std::string, int> repeats;
  for (const DateMatch& d : dates) ++repeats[d.iso];
  const DateMatch* best = nullptr;
  int best_score = 0;
  for (const DateMatch& d : dates) {
    int s = DateScore(ft, d, repeats[d.iso]);
    if (best == nullptr || s > best_score) {
      best = &d;
      best_score = s;
    }
  }
  if (best_score < 0) return std::nullopt;
  return best->iso;
}

namespace {

int AmountLabelScore(const FieldText& ft, const AmountMatch& m, size_t prev_end) {
  std::u32string_view w = LabelWindow(ft, m.begin, 16);
  // Only the words since the previous amount label this one.
  size_t window_begin = m.begin - std::min(m.begin, w.size());
  if (prev_end > window_begin && prev_end <= m.begin && ft.LineOf(prev_end) == ft.LineOf(m.begin))
    w = w.substr(std::min(w.size(), prev_end - window_begin));
  if (ContainsAny(
          w, {U"不含税",    U"税额",   U"增值税",  U"税率",       U"tax",  U"vat",  U"subtotal",
              U"sub-total", U"net",    U"单价",    U"unit price", U"小计", U"预付", U"定金",
              U"deposit",   U"违约金", U"penalty", U"保证金",     U"首期", U"利息"}))
    return -4;
  // 小写 labels the figures written beside a 大写 amount: the sum that matters.
  if (ContainsAny(w, {U"合计", U"总计", U"总价", U"总额", U"总金额", U"total", U"小写"})) return 3;
  if (ContainsAny(w, {U"金额", U"amount", U"价款", U"sum", U"fee", U"value", U"租金", U"款项"}))
    return 2;
  return 0;
}

// The currency for the chosen amount: its own marker, else the marker of
// another mention of the same value, else yuan.
std::string CurrencyFor(const std::vector<AmountMatch>& all, const AmountMatch& chosen) {
  if (!chosen.currency.empty()) return chosen.currency;
  for (const AmountMatch& m : all)
    if (m.cents == chosen.cents && !m.currency.empty()) return m.currency;
  return "CNY";
}

// A figure scoring this much (labelled as the amount and marked as money)
// outweighs a capital amount no figure repeats.
constexpr int kTrustedFigures = 3;

// Each amount's label score (AmountLabelScore), in the order of all.
std::vector<int> AmountLabels(const FieldText& ft, const std::vector<AmountMatch>& all) {
  std::vector<int> labels;
  labels.reserve(all.size());
  size_t prev_end = 0;
  for (const AmountMatch& m : all) {
    labels.push_back(AmountLabelScore(ft, m, prev_end));
    prev_end = m.end;
  }
  return labels;
}

// The best amount in figures by its label, marker and repeats; null when
// none is labelled or marked well enough.
const AmountMatch* BestFigures(const std::vector<AmountMatch>& all, const std::vector<int>& labels,
                               const std::map<int64_t, int>& support, int* best_score) {
  const AmountMatch* best = nullptr;
  *best_score = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    const AmountMatch& m = all[i];
    if (m.form != AmountForm::kDigits || m.cents == 0 || (!m.marked && labels[i] < 2)) continue;
    int score = labels[i] + (m.marked ? 1 : 0) + 2 * std::min(support.at(m.cents) - 1, 3);
    if (best == nullptr || score > *best_score ||
        (score == *best_score && m.cents > best->cents)) {
      best = &m;
      *best_score = score;
    }
  }
  return best != nullptr && *best_score >= 0 ? best : nullptr;
}

// The marked figure nearest to spelled, within kPairReach characters other
// than blanks on either side and not labelled as tax, a deposit or the
// like; null when there is none.
const AmountMatch* FiguresBeside(const FieldText& ft, const std::vector<AmountMatch>& all,
                                 const std::vector<int>& labels, const AmountMatch& spelled) {
  constexpr size_t kPairReach = 24;
  const std::u32string& t = ft.text();
  auto gap_between = [&t](size_t from, size_t to) {
    size_t gap = 0;
    for (size_t k = from; k < to; ++k) gap += IsSpace(t[k]) ? 0 : 1;
    return gap;
  };
  const AmountMatch* nearest = nullptr;
  size_t nearest_gap = kPairReach + 1;
  for (size_t i = 0; i < all.size(); ++i) {
    const AmountMatch& m = all[i];
    if (m.form != AmountForm::kDigits || !m.marked || m.cents == 0 || labels[i] < 0) continue;
    size_t gap = m.begin >= spelled.end   ? gap_between(spelled.end, m.begin)
                 : spelled.begin >= m.end ? gap_between(m.end, spelled.begin)
                                          : 0;
    if (gap < nearest_gap) {
      nearest = &m;
      nearest_gap = gap;
    }
  }
  return nearest;
}

}  // namespace

std::optional<Money> FindTotalAmount(const FieldText& ft) {
  std::vector<AmountMatch> all = FindAmounts(ft.text());
  if (all.empty()) return std::nullopt;
  std::map<int64_t, int> support, in_figures;
  for (const AmountMatch& m : all) {
    ++support[m.cents];
    if (m.form == AmountForm::kDigits) ++in_figures[m.cents];
  }
  // Capital numerals (大写) and words are written for the sum that matters;
  // the one repeated most wins, the first on a tie. Trusted outright when the
  // figures repeat it. In OCR text a capital run is often cut short by a
  // misread numeral (捌 read as 拐), leaving a plausible fragment; the
  // figures written beside it (大写…（小写）¥…, 人民币…元（大写：…）) then
  // disagree, and OCR misreads figures far less: they win.
  const AmountMatch* spelled = nullptr;
  for (AmountForm form : {AmountForm::kCapital, AmountForm::kWords}) {
    for (const AmountMatch& m : all) {
      if (m.form != form || m.cents == 0) continue;
      if (spelled == nullptr || support[m.cents] > support[spelled->cents]) spelled = &m;
    }
    if (spelled != nullptr) break;
  }
  if (spelled != nullptr && in_figures.count(spelled->cents) > 0)
    return Money{FormatCents(spelled->cents), CurrencyFor(all, *spelled)};
  const std::vector<int> labels = AmountLabels(ft, all);
  if (spelled != nullptr) {
    if (const AmountMatch* pair = FiguresBeside(ft, all, labels, *spelled))
      return Money{FormatCents(pair->cents), CurrencyFor(all, *pair)};
  }
  // Else the best labelled figure, over a lone capital amount only when it
  // is labelled and marked well (kTrustedFigures).
  int score = 0;
  const AmountMatch* figures = BestFigures(all, labels, support, &score);
  const AmountMatch* best = spelled;
  if (figures != nullptr && (spelled == nullptr || score >= kTrustedFigures)) best = figures;
  if (best == nullptr) return std::nullopt;
  return Money{FormatCents(best->cents), CurrencyFor(all, *best)};
}

}  // namespace dangan::ingest::internal
