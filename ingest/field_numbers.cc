// Numbers printed next to labels: contract and invoice numbers, and the
// counterparty's USCC.
#include <algorithm>
#include <array>

#include "core/uscc.h"
#include "core/utf8.h"
#include "ingest/field_scan_internal.h"
#include "ingest/fields_internal.h"

namespace dangan::ingest::internal {
namespace {

constexpr size_t kMaxCodeChars = 40;

bool IsCodeChar(char32_t c) {
  return IsAsciiDigit(c) || IsAsciiAlpha(c) || c == '-' || c == '/' || c == '_' || c == '.';
}

bool IsDigitConfusable(char32_t c) { return c == 'O' || c == 'o' || c == 'l' || c == 'I'; }

// OCR reads 0 as O and 1 as l or I. Inside a run of digits those letters are
// digits ("SFXY-202lO06"); at the edge of a run, beside a letter, they stay
// letters ("PO202300004") unless they are lower case in an upper-case code
// ("BCl90004").
void FixDigitRuns(std::u32string* code) {
  std::u32string& c = *code;
  bool upper_code = std::none_of(
      c.begin(), c.end(), [](char32_t x) { return x >= 'a' && x <= 'z' && x != 'l' && x != 'o'; });
  auto keep_at_edge = [&](char32_t x) {
    return IsDigitConfusable(x) && !(upper_code && (x == 'l' || x == 'o'));
  };
  size_t i = 0;
  while (i < c.size()) {
    if (!IsAsciiDigit(c[i]) && !IsDigitConfusable(c[i])) {
      ++i;
      continue;
    }
    size_t b = i;
    int digits = 0;
    for (; i < c.size() && (IsAsciiDigit(c[i]) || IsDigitConfusable(c[i])); ++i)
      digits += IsAsciiDigit(c[i]) ? 1 : 0;
    size_t e = i;
    if (digits == 0) continue;
    if (b > 0 && IsAsciiAlpha(c[b - 1]))
      while (b < e && keep_at_edge(c[b])) ++b;
    if (e < c.size() && IsAsciiAlpha(c[e]))
      while (e > b && keep_at_edge(c[e - 1])) --e;
    for (size_t k = b; k < e; ++k)
      if (IsDigitConfusable(c[k])) c[k] = (c[k] == 'O' || c[k] == 'o') ? U'0' : U'1';
  }
}

// The 字第…号 end of a Chinese document number at *i: up to four Han
// characters (沪技字), 第, digits, 号. Appends it to *code and advances *i;
// false (nothing consumed) when there is none.
bool ReadNumberTail(std::u32string_view t, size_t* i, bool need_di, std::u32string* code) {
  size_t k = *i;
  std::u32string tail;
  while (k < t.size() && IsHan(t[k]) && t[k] != U'第' && t[k] != U'号' && tail.size() < 4)
    tail.push_back(t[k++]);
  if (k < t.size() && t[k] == U'第') {
    tail.push_back(t[k++]);
  } else if (need_di || !tail.empty()) {
    return false;
  }
  SkipSpaces(t, &k);  // OCR: "第 004 号"
  std::u32string digits;
  while (k < t.size() && (IsAsciiDigit(t[k]) || IsDigitConfusable(t[k]) || t[k] == '-'))
    digits.push_back(t[k++]);
  SkipSpaces(t, &k);
  if (std::none_of(digits.begin(), digits.end(), IsAsciiDigit)) return false;
  if (k >= t.size() || t[k] != U'号') return false;
  for (char32_t& c : digits)
    if (IsDigitConfusable(c)) c = (c == 'O' || c == 'o') ? U'0' : U'1';
  *code += tail + digits + U'号';
  *i = k + 1;
  return true;
}

// （2022）沪技字第004号, 沪技〔2023〕15号, [2023]第5号: a bracketed year. Round
// brackets come out full-width, as Chinese numbering writes them.
struct Code {
  std::u32string text;
  size_t end;  // offset after the last character read
};

std::optional<Code> ReadBracketCode(std::u32string_view t, size_t start) {
  static constexpr std::u32string_view kOpen = U"(〔[【", kClose = U")〕]】";
  std::u32string code;
  size_t i = start;
  while (i < t.size() && IsHan(t[i]) && code.size() < 4) code.push_back(t[i++]);
  if (i >= t.size() || kOpen.find(t[i]) == std::u32string_view::npos) return std::nullopt;
  size_t kind = kOpen.find(t[i++]);
  int64_t year;
  if (ReadDigits(t, &i, 4, &year) != 4 || i >= t.size() || t[i] != kClose[kind])
    return std::nullopt;
  ++i;
  code += kind == 0 ? U'（' : kOpen[kind];
  for (int64_t d = 1000; d > 0; d /= 10)
    code.push_back(U'0' + static_cast<char32_t>(year / d % 10));
  code += kind == 0 ? U'）' : kClose[kind];
  if (!ReadNumberTail(t, &i, false, &code)) return std::nullopt;
  return Code{code, i};
}

// A document number at start: an ASCII code (HT-2023-0017, SC/2025/0006),
// optionally ending in the Chinese 字第…号 form (25采字第004号, ZL2024第002号),
// or a number with a bracketed year (ReadBracketCode).
std::optional<Code> ReadCode(std::u32string_view t, size_t start) {
  if (auto bracketed = ReadBracketCode(t, start)) return bracketed;
  std::u32string code;
  size_t i = start;
  while (i < t.size() && IsCodeChar(t[i]) && code.size() < kMaxCodeChars) code.push_back(t[i++]);
  FixDigitRuns(&code);
  if (!ReadNumberTail(t, &i, true, &code)) {
    while (!code.empty() &&
           (code.back() == '.' || code.back() == '-' || code.back() == '/' || code.back() == '_'))
      code.pop_back();
    i = start + code.size();  // the ASCII run is read one character for one
  }
  bool has_digit = std::any_of(code.begin(), code.end(), IsAsciiDigit);
  if (code.size() < 3 || !has_digit) return std::nullopt;
  return Code{code, i};
}

bool HasLetter(std::u32string_view s) {
  return std::any_of(s.begin(), s.end(), [](char32_t c) { return IsAsciiAlpha(c) || IsHan(c); });
}

// True when a date starts at t[start].
bool DateAt(std::u32string_view t, size_t start) {
  auto dates = FindDates(t.substr(start, std::min<size_t>(20, t.size() - start)));
  return !dates.empty() && dates[0].begin == 0;
}

struct LabelHit {
  size_t pos;
  size_t end;
  int rank = 0;            // lower is better
  bool same_line = false;  // the value must follow on the label's own line
};

struct Found {
  size_t label_pos;
  std::string value;
};

// The value after the earliest of hits that has one.
std::optional<Found> FirstCodeAfter(const FieldText& ft, std::vector<LabelHit> hits,
                                    bool need_letter, int lines_below) {
  std::sort(hits.begin(), hits.end(),
            [](const LabelHit& a, const LabelHit& b) { return a.pos < b.pos; });
  const std::u32string& t = ft.text();
  for (const LabelHit& h : hits) {
    size_t label_line = ft.LineOf(h.end);
    for (size_t start : ValueStarts(ft, h.end, lines_below)) {
      if (DateAt(t, start)) continue;  // 合同号 over an empty cell, then 2024年1月30日
      if (h.same_line && ft.LineOf(start) != label_line) continue;
      auto code = ReadCode(t, start);
      if (!code) continue;
      // Plain labels take only number-like codes: "No. 12B" is a house number.
      if (need_letter && (!HasLetter(code->text) || code->text.size() < 5)) continue;
      // A value in a cell below its label fills the cell.
      size_t end = code->end;
      if (ft.LineOf(start) != label_line && end < t.size() && !IsSpace(t[end])) continue;
      return Found{h.pos, EncodeUtf8(code->text)};
    }
  }
  return std::nullopt;
}

void AddHits(const FieldText& ft, std::u32string_view label, int rank,
             std::vector<LabelHit>* hits) {
  for (size_t p : ft.FindLabel(label)) hits->push_back({p, p + label.size(), rank});
}

// 原合同编号, 相关合同编号, "related contract": a number cited, not the
// document's own; used only when the document prints no own number.
bool CitesOtherDocument(const FieldText& ft, size_t label_pos) {
  size_t b = ft.LineBegin(ft.LineOf(label_pos));
  std::u32string_view before = std::u32string_view(ft.lower()).substr(b, label_pos - b);
  if (before.size() > 6) before = before.substr(before.size() - 6);
  return ContainsAny(before, {U"原", U"主", U"相关", U"关联", U"related", U"original", U"main"});
}

}  // namespace

std::optional<std::string> FindContractNo(const FieldText& ft, DocType type) {
  static constexpr std::u32string_view kLabels[] = {
      U"合同编号",     U"合同号",       U"合同编码",         U"协议编号",
      U"协议号",       U"合同登记编号", U"订单编号",         U"订单号",
      U"合同(编号",    U"协议(编号",    U"contract no",      U"contract number",
      U"contract ref", U"agreement no", U"agreement number", U"po no",
      U"po number",    U"p.o. no",      U"order no",         U"order number",
      U"contract #",   U"po #",         U"order ref",        U"po ref"};
  std::vector<LabelHit> own, plain, cited;
  for (std::u32string_view label : kLabels) {
    for (size_t p : ft.FindLabel(label)) {
      (CitesOtherDocument(ft, p) ? cited : own).push_back({p, p + label.size()});
    }
  }
  // 签订了编号为GX2022-0002的合同: a contract named in running text.
  for (size_t p : ft.FindLabel(U"编号为")) {
    size_t start = p + 3;
    SkipSpaces(ft.text(), &start);
    auto code = ReadCode(ft.text(), start);
    if (!code) continue;
    std::u32string_view after = std::u32string_view(ft.text()).substr(code->end, 4);
    if (ContainsAny(after, {U"的合同", U"的协议", U"合同", U"协议"})) own.push_back({p, p + 3});
  }
  // A contract's own number is often labelled plainly: 编号：BC230004, No. GA-2023-002.
  if (type == DocType::kContract) {
    for (size_t p : ft.FindLabel(U"编号")) {
      if (p > 0 && IsHan(ft.text()[p - 1])) continue;  // 档案编号, 客户编号 …
      plain.push_back({p, p + 2});
    }
    for (size_t p : ft.FindLabel(U"no")) {
      if (p != ft.LineBegin(ft.LineOf(p)) && ft.text()[p - 1] != '(') continue;
      plain.push_back({p, p + 2, 0, true});
    }
    for (std::u32string_view label : {U"reference no", U"ref. no", U"ref no", U"reference number"})
      for (size_t p : ft.FindLabel(label)) plain.push_back({p, p + label.size()});
  }
  // The document's own number comes first in it; numbers it cites come later.
  // Plain labels need a number with letters in it: "No. 1907 Qinling Road" is an address.
  std::optional<Found> labelled = FirstCodeAfter(ft, own, false, 3);
  std::optional<Found> plainly = FirstCodeAfter(ft, plain, true, 1);
  if (labelled && plainly && plainly->label_pos < labelled->label_pos) labelled = plainly;
  if (!labelled) labelled = plainly;
  if (!labelled) labelled = FirstCodeAfter(ft, cited, false, 3);
  if (!labelled) {
    // "Re: Agreement RJ2024010", "under Contract HT-2023-0017": the bare word.
    std::vector<LabelHit> bare;
    for (std::u32string_view word : {U"contract", U"agreement"})
      for (size_t p : ft.FindLabel(word)) bare.push_back({p, p + word.size()});
    labelled = FirstCodeAfter(ft, bare, true, 0);
  }
  if (!labelled) return std::nullopt;
  return labelled->value;
}

namespace {

// A run of 6-20 loose digits at start (OCR's O and l read as 0 and 1).
std::optional<std::string> ReadInvoiceDigits(std::u32string_view t, size_t start, size_t* end) {
  size_t i = start;
  if (i < t.size() && (t[i] == 'N' || t[i] == 'n') && i + 1 < t.size() &&
      (t[i + 1] == 'o' || t[i + 1] == 'O')) {
    i += 2;  // 收据号码：No.80739910
    while (i < t.size() && (t[i] == '.' || t[i] == ' ' || t[i] == ':')) ++i;
  }
  std::string digits;
  while (i < t.size()) {
    int d = LooseDigit(t, i);
    if (d < 0 && t[i] == ' ' && i + 1 < t.size() && LooseDigit(t, i + 1) >= 0 &&
        digits.size() % 4 == 0 && !digits.empty()) {
      ++i;  // "0873 0466": OCR and some printers group digits
      continue;
    }
    if (d < 0) break;
    digits.push_back(static_cast<char>('0' + d));
    ++i;
  }
  if (i < t.size() && IsAsciiAlpha(t[i])) return std::nullopt;
  if (digits.size() < 6 || digits.size() > 20) return std::nullopt;
  *end = i;
  return digits;
}

}  // namespace

std::optional<std::string> FindInvoiceNo(const FieldText& ft, DocType type) {
  static constexpr std::u32string_view kDigitLabels[] = {
      U"发票号码",   U"发票号",         U"票据号码",  U"收据号码", U"收据编号",  U"收据号",
      U"invoice no", U"invoice number", U"invoice #", U"pi no",    U"receipt no"};
  std::vector<LabelHit> hits;
  for (std::u32string_view label : kDigitLabels) AddHits(ft, label, 0, &hits);
  if (type == DocType::kInvoice) {
    // Weak labels on invoices only: "No 08730466", "号码：23260941".
    for (size_t p : ft.FindLabel(U"no")) hits.push_back({p, p + 2, 1});
    for (size_t p : ft.FindLabel(U"号码")) {
      if (p > 0 && IsHan(ft.text()[p - 1])) continue;
      hits.push_back({p, p + 2, 1});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const LabelHit& a, const LabelHit& b) {
    return a.rank != b.rank ? a.rank < b.rank : a.pos < b.pos;
  });
  const std::u32string& t = ft.text();
  for (const LabelHit& h : hits) {
    size_t label_line = ft.LineOf(h.end);
    // Tables come out a column at a time: the number may be a few cells down,
    // where it must fill its cell.
    for (size_t start : ValueStarts(ft, h.end, h.rank == 0 ? 4 : 0)) {
      bool below = ft.LineOf(start) != label_line;
      size_t end = 0;
      auto digits = ReadInvoiceDigits(t, start, &end);
      if (digits && (!below || end >= t.size() || IsSpace(t[end]))) return digits;
      if (h.rank == 0 && IsAsciiAlpha(t[h.pos]) && !below) {
        // English invoices may number with letters: INV-2023-0042.
        auto code = ReadCode(t, start);
        if (code && std::count_if(code->text.begin(), code->text.end(), IsAsciiDigit) >= 3)
          return EncodeUtf8(code->text);
      }
    }
  }
  return std::nullopt;
}

namespace {

// An 18-digit resident ID number (6-digit region, birth date, sequence,
// check 0-9/X) passes the USCC check one time in 31.
bool LooksLikeIdCardNumber(std::string_view code) {
  for (size_t i = 0; i < 17; ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  int year = std::stoi(std::string(code.substr(6, 4)));
  int month = std::stoi(std::string(code.substr(10, 2)));
  int day = std::stoi(std::string(code.substr(12, 2)));
  return year >= 1900 && year <= 2030 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

std::optional<std::string> FindCounterpartyUscc(const FieldText& ft, std::string_view own_uscc) {
  std::string own = NormaliseUscc(own_uscc);
  const std::u32string& t = ft.text();
  size_t i = 0;
  while (i < t.size()) {
    if (!(IsAsciiDigit(t[i]) || IsAsciiAlpha(t[i]))) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < t.size() && (IsAsciiDigit(t[i]) || IsAsciiAlpha(t[i]))) ++i;
    if (i - b != 18) continue;
    // Codes are upper case: a lower-case l is OCR's 1 (L itself is a code
    // letter), tried first so that a chance check-character match on L loses.
    std::string token = EncodeUtf8(std::u32string_view(t).substr(b, 18));
    std::string one_for_l = token;
    std::replace(one_for_l.begin(), one_for_l.end(), 'l', '1');
    std::vector<std::string> found = FindUsccs(one_for_l);
    if (found.empty() && one_for_l != token) found = FindUsccs(token);
    if (found.empty() || found[0] == own) continue;
    // Letters in the first 17 places: no ID card or account number looks so.
    const std::string& code = found[0];
    bool has_letter =
        std::any_of(code.begin(), code.end() - 1, [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!has_letter) {
      std::u32string_view window = LabelWindow(ft, b, 16);
      bool uscc_label = ContainsAny(
          window, {U"信用代码", U"识别号", U"税号", U"uscc", U"credit code", U"tax id"});
      bool other_label = ContainsAny(window, {U"身份证", U"证件", U"id card", U"id no", U"passport",
                                              U"账号", U"帐号", U"account", U"银行", U"bank"});
      if (other_label && !uscc_label) continue;
      if (!uscc_label && LooksLikeIdCardNumber(code)) continue;
    }
    return found[0];
  }
  return std::nullopt;
}

}  // namespace dangan::ingest::internal
