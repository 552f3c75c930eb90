#include "ingest/doc_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/utf8.h"

namespace dangan::ingest {
namespace {

// The heading is among the first lines of page 1 (after letterheads, archive
// stamps and document numbers); a line further down is body text.
constexpr int kTitleSearchLines = 16;
constexpr size_t kMaxTitleChars = 40;

struct Cue {
  std::string_view word;  // Simplified / lower case
  DocType type;
};

// Chinese head words: a title names its kind last (采购合同, 客户信息登记表,
// 发票开具申请表 is a form, not an invoice). Longer cues first on equal ends.
constexpr Cue kZhCues[] = {
    {"合同", DocType::kContract}, {"协议书", DocType::kContract}, {"协议", DocType::kContract},
    {"契约", DocType::kContract}, {"合约", DocType::kContract},   {"发票", DocType::kInvoice},
    {"收据", DocType::kInvoice},  {"凭证", DocType::kInvoice},    {"票据", DocType::kInvoice},
    {"申请表", DocType::kForm},   {"登记表", DocType::kForm},     {"审批表", DocType::kForm},
    {"表", DocType::kForm},       {"单", DocType::kForm},         {"订单", DocType::kContract},
    {"通知单", DocType::kLetter}, {"证明书", DocType::kForm},     {"证明", DocType::kForm},
    {"对账单", DocType::kLetter}, {"函", DocType::kLetter},       {"通知书", DocType::kLetter},
    {"通知", DocType::kLetter},   {"告知书", DocType::kLetter},   {"说明", DocType::kLetter},
    {"声明", DocType::kLetter},   {"公告", DocType::kLetter},     {"清单", DocType::kForm},
};

// English phrases that decide before the head word: a letter of guarantee is
// a contract, a statement of account a letter.
constexpr Cue kEnOverrides[] = {
    {"statement of account", DocType::kLetter},
    {"guarantee", DocType::kContract},
    {"purchase order", DocType::kContract},
    {"sales confirmation", DocType::kContract},
    {"deed", DocType::kContract},
    {"bill of sale", DocType::kContract},
    {"memorandum of understanding", DocType::kContract},
    {"debit note", DocType::kInvoice},
    {"credit note", DocType::kInvoice},
};

constexpr Cue kEnCues[] = {
    {"invoice", DocType::kInvoice},     {"receipt", DocType::kInvoice},
    {"agreement", DocType::kContract},  {"contract", DocType::kContract},
    {"form", DocType::kForm},           {"sheet", DocType::kForm},
    {"application", DocType::kForm},    {"register", DocType::kForm},
    {"certificate", DocType::kForm},    {"notice", DocType::kLetter},
    {"reminder", DocType::kLetter},     {"letter", DocType::kLetter},
    {"confirmation", DocType::kLetter}, {"statement", DocType::kLetter},
    {"notification", DocType::kLetter}, {"request", DocType::kLetter},
    {"order", DocType::kContract},      {"lease", DocType::kContract},
    {"questionnaire", DocType::kForm},  {"checklist", DocType::kForm},
    {"declaration", DocType::kForm},    {"memo", DocType::kLetter},
    {"advice", DocType::kLetter},
};

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Position of word in s on word boundaries, or npos.
size_t FindWord(std::string_view s, std::string_view word, size_t from = 0) {
  for (size_t p = s.find(word, from); p != std::string_view::npos; p = s.find(word, p + 1)) {
    bool left = p == 0 || !IsWordChar(s[p - 1]);
    size_t e = p + word.size();
    bool right = e >= s.size() || !IsWordChar(s[e]) ||
                 (s[e] == 's' && (e + 1 >= s.size() || !IsWordChar(s[e + 1])));
    if (left && right) return p;
  }
  return std::string_view::npos;
}

// Drops a trailing parenthesised part: 电子发票(普通发票) -> 电子发票,
// purchase order (po) -> purchase order, 补充协议(一) -> 补充协议.
std::string_view StripTrailingParen(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty() || s.back() != ')') return s;
  size_t open = s.rfind('(');
  if (open == std::string_view::npos || open == 0) return s;
  s = s.substr(0, open);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The Chinese cue ending last in s, with its end; kOther when none.
std::pair<DocType, size_t> LastZhCue(std::string_view s) {
  DocType best = DocType::kOther;
  size_t best_end = 0, best_len = 0;
  for (const Cue& cue : kZhCues) {
    size_t p = s.rfind(cue.word);
    if (p == std::string_view::npos) continue;
    size_t end = p + cue.word.size();
    if (end > best_end || (end == best_end && cue.word.size() > best_len)) {
      best = cue.type;
      best_end = end;
      best_len = cue.word.size();
    }
  }
  // A tax list (销售货物或者提供应税劳务清单, 销货清单) belongs to its invoice.
  if (best == DocType::kForm && s.substr(0, best_end).ends_with("清单") &&
      (s.find("应税") != std::string_view::npos || s.find("销货") != std::string_view::npos ||
       s.find("发票") != std::string_view::npos))
    best = DocType::kInvoice;
  return {best, best_end};
}

DocType EnglishCue(std::string_view s) {
  for (const Cue& cue : kEnOverrides)
    if (FindWord(s, cue.word) != std::string_view::npos) return cue.type;
  // "notice of overdue payment": the head is before "of" / "for".
  size_t cut = std::min(FindWord(s, "of"), FindWord(s, "for"));
  std::string_view head = cut == std::string_view::npos ? s : s.substr(0, cut);
  for (std::string_view part : {head, s}) {
    DocType best = DocType::kOther;
    size_t best_pos = 0;
    for (const Cue& cue : kEnCues) {
      size_t p = FindWord(part, cue.word);
      if (p == std::string_view::npos) continue;
      if (best == DocType::kOther || p > best_pos) {
        best = cue.type;
        best_pos = p;
      }
    }
    if (best != DocType::kOther) return best;
  }
  return DocType::kOther;
}

bool HasHan(std::u32string_view s) {
  for (char32_t c : s)
    if (IsHan(c)) return true;
  return false;
}

// A line that reads like an English heading: upper case, or few words, each
// capitalised but for the small ones ("Notice of Default").
bool LooksLikeEnglishHeading(std::u32string_view line) {
  static constexpr std::u32string_view kSmallWords[] = {U"of", U"for", U"and", U"the",
                                                        U"to", U"on",  U"in",  U"a"};
  int letters = 0, upper = 0, words = 0, capitalised = 0;
  size_t i = 0;
  while (i < line.size()) {
    if (!((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))) {
      ++i;
      continue;
    }
    size_t b = i;
    while (i < line.size() &&
           ((line[i] >= 'a' && line[i] <= 'z') || (line[i] >= 'A' && line[i] <= 'Z'))) {
      if (line[i] <= 'Z') ++upper;
      ++letters;
      ++i;
    }
    std::u32string_view word = line.substr(b, i - b);
    ++words;
    if (word[0] <= 'Z' ||
        std::find(std::begin(kSmallWords), std::end(kSmallWords), word) != std::end(kSmallWords))
      ++capitalised;
  }
  if (letters < 4) return false;
  if (upper * 10 >= letters * 8) return true;
  return words <= 6 && capitalised == words;
}

bool IsTitleLine(std::u32string_view line, std::string_view folded, std::string_view own_name) {
  if (line.empty() || line.size() > kMaxTitleChars * (HasHan(line) ? 1 : 2)) return false;
  if (folded.find(':') != std::string_view::npos || folded.find('|') != std::string_view::npos ||
      folded.find("·") != std::string_view::npos)
    return false;
  if (!own_name.empty() && folded.find(own_name) != std::string_view::npos) return false;
  std::string_view core = StripTrailingParen(folded);
  if (HasHan(line)) {
    auto [type, end] = LastZhCue(core);
    // The cue must end the line: 合同文本 or 发票专用章 are not headings.
    if (type != DocType::kOther && end == core.size()) return true;
    return core.ends_with("书") || core.ends_with("纪要") || core.ends_with("报告");
  }
  // English headings carry no numbers: "Agreement No. SA25-0005" is a label.
  if (std::any_of(line.begin(), line.end(), [](char32_t c) { return c >= '0' && c <= '9'; }))
    return false;
  return LooksLikeEnglishHeading(line) && EnglishCue(core) != DocType::kOther &&
         !folded.starts_with("say") && !folded.starts_with("total");
}

// Full-width letters and digits (OCR) as ASCII, and full-width punctuation
// in English headings; Chinese headings keep theirs, as 电子发票（普通发票）.
std::u32string FoldWideAlnum(std::u32string_view s) {
  std::u32string out(s);
  bool han = HasHan(s);
  for (char32_t& c : out) {
    bool alnum = (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
                 (c >= 0xFF41 && c <= 0xFF5A);
    if (alnum || (!han && c >= 0xFF01 && c <= 0xFF5E)) c = c - 0xFF01 + 0x21;
  }
  return out;
}

std::u32string_view Trim(std::u32string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> FindTitle(std::string_view first_page,
                                     std::string_view first_page_simplified,
                                     std::string_view own_name_folded) {
  std::u32string page = DecodeUtf8(first_page);
  std::u32string simplified = DecodeUtf8(first_page_simplified);
  std::u32string_view rest(page), rest_s(simplified);
  int seen = 0;
  while (!rest.empty() && seen < kTitleSearchLines) {
    size_t nl = rest.find(U'\n');
    size_t nl_s = rest_s.find(U'\n');
    std::u32string_view line = Trim(rest.substr(0, nl));
    std::u32string_view line_s = Trim(rest_s.substr(0, nl_s));
    rest = nl == std::u32string_view::npos ? std::u32string_view() : rest.substr(nl + 1);
    rest_s = nl_s == std::u32string_view::npos ? std::u32string_view() : rest_s.substr(nl_s + 1);
    if (line.empty()) continue;
    ++seen;
    std::string folded = FoldWidthAndCase(EncodeUtf8(line_s));
    std::u32string heading = FoldWideAlnum(line);
    if (IsTitleLine(heading, folded, own_name_folded)) return EncodeUtf8(heading);
  }
  return std::nullopt;
}

std::string FileNameStem(std::string_view original_name) {
  size_t slash = original_name.find_last_of("/\\");
  if (slash != std::string_view::npos) original_name.remove_prefix(slash + 1);
  size_t dot = original_name.rfind('.');
  if (dot != std::string_view::npos && dot > 0) original_name = original_name.substr(0, dot);
  return std::string(original_name);
}

DocType DocTypeFromTitle(std::string_view folded) {
  std::string_view core = StripTrailingParen(folded);
  DocType zh = LastZhCue(core).first;
  if (zh != DocType::kOther) return zh;
  zh = LastZhCue(folded).first;
  if (zh != DocType::kOther) return zh;
  return EnglishCue(folded);
}

DocType DocTypeFromText(std::string_view folded) {
  // The opening of a document says what it is; clauses further down cite
  // contracts and invoices of every kind.
  constexpr size_t kOpeningBytes = 3000;
  std::string_view opening = folded.substr(0, kOpeningBytes);
  struct Count {
    std::string_view word;
    DocType type;
  };
  static constexpr Count kWords[] = {
      {"合同", DocType::kContract},      {"协议", DocType::kContract},
      {"agreement", DocType::kContract}, {"contract", DocType::kContract},
      {"发票", DocType::kInvoice},       {"收据", DocType::kInvoice},
      {"凭证", DocType::kInvoice},       {"invoice", DocType::kInvoice},
      {"申请表", DocType::kForm},        {"登记表", DocType::kForm},
      {"函", DocType::kLetter},          {"notice", DocType::kLetter},
      {"dear sir", DocType::kLetter},
  };
  std::array<int, 5> counts{};
  for (const Count& w : kWords) {
    for (size_t p = opening.find(w.word); p != std::string_view::npos;
         p = opening.find(w.word, p + 1)) {
      ++counts[static_cast<size_t>(w.type)];
    }
  }
  size_t best = static_cast<size_t>(DocType::kOther);
  for (size_t t = 0; t < counts.size(); ++t)
    if (counts[t] > 0 && (best == static_cast<size_t>(DocType::kOther) || counts[t] > counts[best]))
      best = t;
  return static_cast<DocType>(best);
}

}  // namespace dangan::ingest
