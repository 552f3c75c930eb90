#include "ingest/router.h"

#include <algorithm>
#include <set>

#include "core/uscc.h"

namespace dangan::ingest {
namespace {

// Labels that introduce an archive number (DESIGN §4.4), folded (Simplified,
// lower case): 档案编号 / 檔案編號 / 档案号 / Archive No.
constexpr const char* kArchiveLabels[] = {"档案编号", "档案号", "档案编码", "归档号",
                                          "archive no", "archive number", "file no"};

// True when a label ends within a short distance before pos on the same line.
bool LabelledAt(const std::string& folded, size_t pos) {
  size_t line_start = folded.rfind('\n', pos == 0 ? 0 : pos - 1);
  line_start = line_start == std::string::npos ? 0 : line_start + 1;
  size_t from = pos > 40 ? std::max(line_start, pos - 40) : line_start;
  std::string_view before(folded.data() + from, pos - from);
  for (const char* label : kArchiveLabels)
    if (before.find(label) != std::string_view::npos) return true;
  return false;
}

bool IsAlnumAscii(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Whole-token occurrence of an ASCII code in upper-cased text.
bool ContainsToken(const std::string& text, const std::string& token) {
  for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token, pos + 1)) {
    bool left = pos == 0 || !IsAlnumAscii(text[pos - 1]);
    size_t end = pos + token.size();
    bool right = end >= text.size() || !IsAlnumAscii(text[end]);
    if (left && right) return true;
  }
  return false;
}

// A short name (a person's: 聂子墨) counts only where it stands alone: after a
// label's colon or at the start of a line, and before the end of the line or
// punctuation. Inside running text it is too likely to be part of other words.
bool StandsAlone(const std::string& text, size_t pos, size_t len) {
  auto left_ok = [&] {
    if (pos == 0) return true;
    char c = text[pos - 1];
    return c == '\n' || c == ':' || c == ' ' || c == '\t' || c == '(';
  };
  auto right_ok = [&] {
    size_t end = pos + len;
    if (end >= text.size()) return true;
    char c = text[end];
    if (c == '\n' || c == ' ' || c == '\t' || c == ')' || c == ',' || c == ';' || c == '.' || c == ':')
      return true;
    // Full-width punctuation that folding keeps: ，。、；
    return text.compare(end, 3, "\xEF\xBC\x8C") == 0 || text.compare(end, 3, "\xE3\x80\x82") == 0 ||
           text.compare(end, 3, "\xE3\x80\x81") == 0;
  };
  return left_ok() && right_ok();
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Router::Router(const std::vector<catalog::Client>& clients, ArchiveNumberRule rule,
               std::string own_uscc, const std::string& own_name, const TextFolder* folder)
    : rule_(std::move(rule)), own_uscc_(Upper(std::move(own_uscc))), folder_(folder) {
  own_name_folded_ = own_name.empty() ? "" : folder_->Fold(own_name);
  for (const catalog::Client& c : clients) {
    clients_[c.archive_no] = c;
    if (!c.uscc.empty() && Upper(c.uscc) != own_uscc_) by_uscc_[Upper(c.uscc)] = c.archive_no;
    if (!c.client_code.empty()) by_code_[Upper(c.client_code)] = c.archive_no;
    std::string name = c.name.empty() ? "" : folder_->Fold(c.name);
    if (name.size() >= 6 && name != own_name_folded_) names_.emplace_back(name, c.archive_no);
  }
  // Longest names first, so a name inside a longer one is not counted twice.
  std::sort(names_.begin(), names_.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

RouteDecision Router::Route(const RouteInput& in) const {
  RouteDecision d;
  if (ByFolder(in, &d) || ByBarcode(in, &d) || ByPrintedNumber(in, &d) || ByUscc(in, &d)) return d;
  if (ByClientCode(in.all_text, &d)) return d;
  d.archive_no.reset();
  d.routed_by = RoutedBy::kUnfiled;
  if (d.candidates.empty())
    d.candidates.push_back({"", "unfiled", "no folder, printed number, USCC, client code or "
                                           "client name of a known client was found"});
  return d;
}

bool Router::Decide(const std::vector<std::string>& archive_nos, RoutedBy rule,
                    const std::string& why, RouteDecision* d) const {
  std::vector<std::string> distinct;
  for (const std::string& a : archive_nos)
    if (std::find(distinct.begin(), distinct.end(), a) == distinct.end()) distinct.push_back(a);
  if (distinct.empty()) return false;
  if (distinct.size() == 1) {
    d->archive_no = distinct[0];
    d->routed_by = rule;
    d->candidates.clear();
    return true;
  }
  d->archive_no.reset();
  d->routed_by = RoutedBy::kUnfiled;
  for (const std::string& a : distinct)
    d->candidates.push_back({a, ToString(rule),
                             why + "; " + std::to_string(distinct.size()) +
                                 " clients match, so none was chosen"});
  return true;
}

bool Router::ByFolder(const RouteInput& in, RouteDecision* d) const {
  for (const std::string& name : in.folders) {
    auto norm = rule_.Normalise(name);
    if (!norm) continue;
    if (Known(*norm)) return Decide({*norm}, RoutedBy::kFolder, "folder " + name, d);
    d->candidates.push_back({*norm, "folder", "folder " + name + " names no known client"});
  }
  return false;
}

bool Router::ByBarcode(const RouteInput& in, RouteDecision* d) const {
  std::vector<std::string> known;
  for (const std::string& code : in.barcodes) {
    auto norm = rule_.Normalise(code);
    if (norm && Known(*norm)) known.push_back(*norm);
  }
  return Decide(known, RoutedBy::kBarcode, "barcode on page 1", d);
}

bool Router::ByPrintedNumber(const RouteInput& in, RouteDecision* d) const {
  std::string folded = folder_->Fold(in.page1);
  std::vector<std::string> labelled, anywhere;
  for (const auto& found : rule_.FindAll(folded)) {
    if (!Known(found.number)) {
      d->candidates.push_back({found.number, "printed_number",
                               "page 1 prints " + found.number + ", which is no known client's"});
      continue;
    }
    anywhere.push_back(found.number);
    if (LabelledAt(folded, found.begin)) labelled.push_back(found.number);
  }
  if (!labelled.empty())
    return Decide(labelled, RoutedBy::kPrintedNumber, "archive number printed on page 1", d);
  return Decide(anywhere, RoutedBy::kPrintedNumber, "archive number printed on page 1", d);
}

// ByUscc: exactly one client's valid USCC (never the department's own).
// A code OCR misread (wrong check character) never matches; but when it is
// within three edits of another client's code, the text may name that client
// too, so the document is ambiguous rather than filed under the one it could
// read.
bool Router::ByUscc(const RouteInput& in, RouteDecision* d) const {
  std::vector<std::string> matched;
  for (const std::string& code : FindUsccs(in.all_text)) {
    if (code == own_uscc_) continue;
    auto it = by_uscc_.find(code);
    if (it != by_uscc_.end()) matched.push_back(it->second);
  }
  std::vector<std::string> unreadable;
  for (const std::string& bad : FindMisreadUsccs(in.all_text)) {
    if (!own_uscc_.empty() && EditDistance(bad, own_uscc_) <= 3) continue;
    for (const auto& [code, archive_no] : by_uscc_) {
      if (EditDistance(bad, code) > 3) continue;
      if (std::find(matched.begin(), matched.end(), archive_no) == matched.end())
        unreadable.push_back(archive_no);
      std::string why = "the text has ";
      why += bad;
      why += ", close to this client's USCC ";
      why += code;
      why += " but with a wrong check character";
      d->candidates.push_back({archive_no, "uscc", std::move(why)});
      break;
    }
  }
  if (matched.size() == 1 && !unreadable.empty()) {
    matched.insert(matched.end(), unreadable.begin(), unreadable.end());
    d->candidates.clear();
  }
  return Decide(matched, RoutedBy::kUscc, "client USCC in the text", d);
}

bool Router::ByClientCode(const std::string& all_text, RouteDecision* d) const {
  std::vector<std::string> matched;
  // Long names may wrap over two lines: look for them with lines joined.
  // Short names must stand alone on their line: look for them with lines kept.
  std::string joined = folder_->FoldForIndex(all_text);
  std::string lines = folder_->Fold(all_text);
  std::string upper = Upper(lines);
  for (const auto& [code, archive_no] : by_code_)
    if (ContainsToken(upper, code)) matched.push_back(archive_no);
  // Blank out each match so a shorter name inside it is not seen again.
  for (const auto& [name, archive_no] : names_) {
    // Names of four characters or more (12 bytes of Han) match anywhere.
    const bool short_name = name.size() < 12;
    std::string& text = short_name ? lines : joined;
    bool found = false;
    for (size_t pos = text.find(name); pos != std::string::npos; pos = text.find(name, pos + 1)) {
      if (short_name && !StandsAlone(text, pos, name.size())) continue;
      found = true;
      text.replace(pos, name.size(), std::string(name.size(), ' '));
    }
    if (found) matched.push_back(archive_no);
  }
  std::sort(matched.begin(), matched.end());
  return Decide(matched, RoutedBy::kClientCode, "client code or registered name in the text", d);
}

}  // namespace dangan::ingest
