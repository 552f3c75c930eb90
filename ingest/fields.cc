#include "ingest/fields.h"

#include <algorithm>

#include "core/utf8.h"
#include "ingest/doc_type.h"
#include "ingest/field_scan_internal.h"
#include "ingest/fields_internal.h"

namespace dangan::ingest {
namespace internal {

FieldText::FieldText(std::u32string text) : text_(std::move(text)), lower_(text_) {
  for (char32_t& c : lower_) c = AsciiLower(c);
  line_starts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  // Labels are searched in UTF-8 (memchr-fast) and mapped back to code points.
  lower_utf8_.reserve(lower_.size() * 2);
  cp_of_byte_.reserve(lower_.size() * 2);
  for (size_t i = 0; i < lower_.size(); ++i) {
    size_t before = lower_utf8_.size();
    AppendUtf8(lower_[i], &lower_utf8_);
    cp_of_byte_.insert(cp_of_byte_.end(), lower_utf8_.size() - before, static_cast<uint32_t>(i));
  }
}

size_t FieldText::LineOf(size_t pos) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), pos);
  return static_cast<size_t>(it - line_starts_.begin()) - 1;
}

size_t FieldText::LineEnd(size_t line) const {
  return line + 1 < line_starts_.size() ? line_starts_[line + 1] - 1 : text_.size();
}

std::u32string_view FieldText::TrimmedLine(size_t line) const {
  size_t b = LineBegin(line), e = LineEnd(line);
  while (b < e && IsSpace(text_[b])) ++b;
  while (e > b && IsSpace(text_[e - 1])) --e;
  return std::u32string_view(text_).substr(b, e - b);
}

size_t FieldText::PrevNonEmptyLine(size_t line) const {
  while (line > 0) {
    --line;
    if (!TrimmedLine(line).empty()) return line;
  }
  return std::u32string_view::npos;
}

size_t FieldText::NextNonEmptyLine(size_t line) const {
  for (++line; line < line_starts_.size(); ++line)
    if (!TrimmedLine(line).empty()) return line;
  return std::u32string_view::npos;
}

std::vector<size_t> FieldText::FindLabel(std::u32string_view label) const {
  std::vector<size_t> out;
  if (label.empty()) return out;
  std::string needle = EncodeUtf8(label);
  bool word_start = IsAsciiAlpha(label.front());
  bool word_end = IsAsciiAlpha(label.back());
  std::string_view hay(lower_utf8_);
  for (size_t b = hay.find(needle); b != std::string_view::npos; b = hay.find(needle, b + 1)) {
    size_t p = cp_of_byte_[b];
    if (word_start && p > 0 && IsAsciiAlpha(lower_[p - 1])) continue;
    size_t e = p + label.size();
    if (word_end && e < lower_.size() && IsAsciiAlpha(lower_[e])) continue;
    out.push_back(p);
  }
  return out;
}

std::vector<size_t> ValueStarts(const FieldText& ft, size_t label_end, int lines_below) {
  const std::u32string& t = ft.text();
  std::vector<size_t> out;
  size_t line = ft.LineOf(label_end);
  size_t end = ft.LineEnd(line);
  size_t i = label_end;
  // Separators between a label and its value: "：", ". ", "#", "为" …
  while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == ':' || t[i] == '.' || t[i] == '#' ||
                     t[i] == U'№' || t[i] == U'为' || t[i] == U'是')) {
    ++i;
  }
  if (i < end) {
    out.push_back(i);
    return out;
  }
  for (int k = 0; k < lines_below; ++k) {
    line = ft.NextNonEmptyLine(line);
    if (line == std::u32string_view::npos) break;
    size_t b = ft.LineBegin(line);
    while (b < t.size() && IsSpace(t[b])) ++b;
    out.push_back(b);
  }
  return out;
}

std::u32string_view LabelWindow(const FieldText& ft, size_t pos, size_t width) {
  size_t line = ft.LineOf(pos);
  size_t b = ft.LineBegin(line);
  size_t k = pos;
  while (k > b && IsSpace(ft.text()[k - 1])) --k;
  if (k == b) {
    // The value starts its line: a table's label sits in the cell before.
    line = ft.PrevNonEmptyLine(line);
    if (line == std::u32string_view::npos) return {};
    b = ft.LineBegin(line);
    k = ft.LineEnd(line);
  }
  size_t from = k - std::min(width, k - b);
  return std::u32string_view(ft.lower()).substr(from, k - from);
}

bool ContainsAny(std::u32string_view window, std::initializer_list<std::u32string_view> words) {
  for (std::u32string_view w : words)
    if (window.find(w) != std::u32string_view::npos) return true;
  return false;
}

}  // namespace internal

namespace {

// Characters common in Traditional Chinese business text that Simplified
// writes otherwise. OpenCC converts a few MB/s, the larger part of the time
// per document, so text with none of them is taken as Simplified already
// (a stray Traditional name in it does not hide any label).
bool LooksTraditional(std::u32string_view text) {
  static constexpr std::u32string_view kTraditional =
      U"們個這來時會為對說國與於從後業經發號碼簽訂統計額價稅貨項責單據資開關聯繫電話銀帳賬戶"
      U"權義區處見議協書證請應際產條約員機設備費錢萬億貳參陸圓幣歲讓寫聲稱";
  for (char32_t c : text) {
    if (c >= 0x4E00 && kTraditional.find(c) != std::u32string_view::npos) return true;
  }
  return false;
}

std::string JoinPages(const std::vector<std::string>& pages) {
  std::string all;
  size_t n = 0;
  for (const std::string& p : pages) n += p.size() + 1;
  all.reserve(n);
  for (const std::string& p : pages) {
    all += p;
    all += '\n';
  }
  return all;
}

}  // namespace

ExtractedFields ExtractFields(const std::vector<std::string>& pages, std::string_view original_name,
                              const FieldContext& ctx, const TextFolder& folder) {
  ExtractedFields out;
  std::string all = JoinPages(pages);
  std::u32string text = DecodeUtf8(all);
  std::string simplified;
  if (LooksTraditional(text)) {
    simplified = folder.ToSimplified(all);
    text = DecodeUtf8(simplified);
  } else {
    simplified = std::move(all);
  }

  std::optional<std::string> title;
  if (!pages.empty()) {
    // OpenCC keeps line breaks: page 1 is as many lines of simplified.
    size_t lines = static_cast<size_t>(std::count(pages[0].begin(), pages[0].end(), '\n'));
    size_t end = 0;
    for (size_t k = 0; k <= lines && end != std::string::npos; ++k)
      end = simplified.find('\n', end == 0 && k == 0 ? 0 : end + 1);
    std::string_view first_s = std::string_view(simplified).substr(0, end);
    title = FindTitle(pages[0], first_s, folder.Fold(ctx.own_name));
  }
  out.title = title ? *title : FileNameStem(original_name);
  out.doc_type = DocTypeFromTitle(folder.Fold(out.title));
  internal::FieldText ft(FoldForFields(text));
  if (out.doc_type == DocType::kOther) {
    out.doc_type = DocTypeFromText(EncodeUtf8(ft.lower()));
  }

  catalog::Fields& f = out.fields;
  f.contract_no = internal::FindContractNo(ft, out.doc_type);
  f.invoice_no = internal::FindInvoiceNo(ft, out.doc_type);
  f.date = internal::FindDocumentDate(ft);
  if (auto money = internal::FindTotalAmount(ft)) {
    f.amount = money->amount;
    if (!money->currency.empty()) f.currency = money->currency;
  }
  f.uscc = internal::FindCounterpartyUscc(ft, ctx.own_uscc);
  return out;
}

}  // namespace dangan::ingest
