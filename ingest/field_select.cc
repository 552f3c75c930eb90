// Choosing the document's own date and total among all the dates and amounts
// its text mentions (deadlines, delivery dates, unit prices, tax lines …).
#include <algorithm>
#include <map>

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
  if (ContainsAny(w, {U"合计", U"总计", U"总价", U"总额", U"总金额", U"total"})) return 3;
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

}  // namespace

std::optional<Money> FindTotalAmount(const FieldText& ft) {
  std::vector<AmountMatch> all = FindAmounts(ft.text());
  if (all.empty()) return std::nullopt;
  std::map<int64_t, int> support;
  for (const AmountMatch& m : all) ++support[m.cents];
  // Capital numerals (大写) and words are written for the sum that matters;
  // the one repeated most in figures wins, the first on a tie.
  for (AmountForm form : {AmountForm::kCapital, AmountForm::kWords}) {
    const AmountMatch* best = nullptr;
    for (const AmountMatch& m : all) {
      if (m.form != form || m.cents == 0) continue;
      if (best == nullptr || support[m.cents] > support[best->cents]) best = &m;
    }
    if (best != nullptr) return Money{FormatCents(best->cents), CurrencyFor(all, *best)};
  }
  const AmountMatch* best = nullptr;
  int best_score = 0;
  size_t prev_end = 0;
  for (const AmountMatch& m : all) {
    int label = AmountLabelScore(ft, m, prev_end);
    prev_end = m.end;
    if (m.cents == 0 || (!m.marked && label < 2)) continue;
    int score = label + (m.marked ? 1 : 0) + 2 * std::min(support[m.cents] - 1, 3);
    if (best == nullptr || score > best_score || (score == best_score && m.cents > best->cents)) {
      best = &m;
      best_score = score;
    }
  }
  if (best == nullptr || best_score < 0) return std::nullopt;
  return Money{FormatCents(best->cents), CurrencyFor(all, *best)};
}

}  // namespace dangan::ingest::internal
