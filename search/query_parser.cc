#include "search/query_parser.h"

#include <cstdio>
#include <optional>

#include "core/types.h"
#include "core/utf8.h"
#include "indexer/schema.h"

namespace dangan::search {
namespace {

namespace sc = indexer::schema;

std::string AsciiUpper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string RemoveSpaces(std::string_view s) {
  std::u32string out;
  for (char32_t c : DecodeUtf8(s))
    if (!IsSpace(c)) out.push_back(c);
  return EncodeUtf8(out);
}

Xapian::Query TermOrNothing(const std::string& term) {
  if (term.empty()) return Xapian::Query::MatchNothing;
  return Xapian::Query(term);
}

// field:VALUE -> one boolean term, VALUE normalised by `normalise`.
class TermFieldProcessor : public Xapian::FieldProcessor {
 public:
  enum class Form { kAsIs, kNumber };
  TermFieldProcessor(std::string_view prefix, Form form) : prefix_(prefix), form_(form) {}

  Xapian::Query operator()(const std::string& value) override {
    std::string v = form_ == Form::kNumber ? sc::NormaliseNumber(value) : RemoveSpaces(value);
    return TermOrNothing(sc::BooleanTerm(prefix_, v));
  }

 private:
  std::string prefix_;
  Form form_;
};

class ClientFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit ClientFieldProcessor(const std::vector<ClientKey>* clients) : clients_(clients) {}

  Xapian::Query operator()(const std::string& value) override {
    std::vector<Xapian::Query> archives;
    for (const std::string& a : ResolveClient(value, *clients_))
      archives.emplace_back(sc::BooleanTerm(sc::kPrefixArchive, a));
    if (archives.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_OR, archives.begin(), archives.end());
  }

 private:
  const std::vector<ClientKey>* clients_;  // borrowed
};

// level:NAME -> the documents of exactly that level (RECORDS §2), by their XL
// term. A document without any XL term (indexed before levels existed) counts
// as internal, as the clearance filter counts it. The searcher's clearance
// filter still applies on top: level:secret finds nothing for a user cleared
// for internal. An unknown name is a malformed query, not an empty result, so
// that a typo is not mistaken for "no such documents".
class LevelFieldProcessor : public Xapian::FieldProcessor {
 public:
  explicit LevelFieldProcessor(std::string* error) : error_(error) {}

  Xapian::Query operator()(const std::string& value) override {
    std::optional<Level> level = ParseLevel(RemoveSpaces(value));
    if (!level) {
      *error_ = "level: wants public, internal, confidential or secret, got " + value;
      return Xapian::Query(Xapian::Query::MatchNothing);
    }
    Xapian::Query exact(sc::BooleanTerm(sc::kPrefixLevel, ToString(*level)));
    if (*level != Level::kInternal) return exact;
    std::vector<Xapian::Query> all;
    for (Level l : kAllLevels) all.emplace_back(sc::BooleanTerm(sc::kPrefixLevel, ToString(l)));
    Xapian::Query untagged(Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::MatchAll),
                           Xapian::Query(Xapian::Query::OP_OR, all.begin(), all.end()));
    return Xapian::Query(Xapian::Query::OP_OR, exact, untagged);
  }

 private:
  std::string* error_;  // borrowed
};

// "2023", "2023-03", "2023-3-15", "2023/03/15", "20230315" -> "YYYYMMDD": the
// first (with end: the last) day they cover; "" when not a date.
std::string DateBound(const std::string& s, bool end) {
  std::vector<int> parts;
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
    parts = {std::stoi(s.substr(0, 4)), std::stoi(s.substr(4, 2)), std::stoi(s.substr(6, 2))};
  } else {
    size_t i = 0;
    while (i < s.size() && parts.size() < 3) {
      size_t j = i;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9' && j - i < 4) ++j;
      if (j == i) return {};
      parts.push_back(std::stoi(s.substr(i, j - i)));
      if (j < s.size() && s[j] != '-' && s[j] != '/' && s[j] != '.') return {};
      i = j == s.size() ? j : j + 1;
      if (j + 1 == s.size()) return {};  // trailing separator
    }
    if (i < s.size()) return {};
  }
  if (parts.empty() || parts[0] < 1000) return {};
  int m = parts.size() > 1 ? parts[1] : (end ? 12 : 1);
  int d = parts.size() > 2 ? parts[2] : (end ? 31 : 1);  // "…31" sorts after every day
  if (m < 1 || m > 12 || d < 1 || d > 31) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", parts[0], m, d);
  return buf;
}

// date:A..B over value 0 (YYYYMMDD); either side may be empty.
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(std::string* error)
      : Xapian::RangeProcessor(sc::kSlotDate, "date:"), error_(error) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string lo = begin.empty() ? "" : DateBound(begin, false);
    std::string hi = end.empty() ? "" : DateBound(end, true);
    if ((!begin.empty() && lo.empty()) || (!end.empty() && hi.empty())) {
      *error_ = "date: wants YYYY-MM-DD..YYYY-MM-DD, got " + begin + ".." + end;
      return Xapian::Query(Xapian::Query::MatchNothing);
    }
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, sc::kSlotDate, lo);
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, sc::kSlotDate, hi);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, sc::kSlotDate, lo, hi);
  }

 private:
  std::string* error_;  // borrowed
};

}  // namespace

ClientKey MakeClientKey(const catalog::Client& client, const TextFolder& folder) {
  return {AsciiUpper(client.archive_no), RemoveSpaces(folder.Fold(client.name)),
          AsciiUpper(client.client_code), AsciiUpper(client.uscc)};
}

std::vector<std::string> ResolveClient(const std::string& folded_value,
                                       const std::vector<ClientKey>& clients) {
  std::string value = RemoveSpaces(folded_value);
  std::string upper = sc::NormaliseNumber(value);
  std::vector<std::string> out;
  if (value.empty()) return out;
  for (const ClientKey& c : clients) {
    if (upper == c.archive_no || (!c.client_code.empty() && upper == c.client_code) ||
        (!c.uscc.empty() && upper == c.uscc) || c.name.find(value) != std::string::npos)
      out.push_back(c.archive_no);
  }
  return out;
}

Xapian::QueryParser MakeQueryParser(const std::vector<ClientKey>* clients, std::string* error) {
  using Form = TermFieldProcessor::Form;
  Xapian::QueryParser qp;
  qp.set_stemmer(Xapian::Stem("en"));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  // Every word must match: more words, fewer documents (what staff expect).
  qp.set_default_op(Xapian::Query::OP_AND);
  qp.add_prefix("title", std::string(sc::kPrefixTitle));
  auto add = [&qp](const char* field, std::string_view prefix, Form form) {
    qp.add_boolean_prefix(field, (new TermFieldProcessor(prefix, form))->release());
  };
  add("archive", sc::kPrefixArchive, Form::kNumber);
  add("type", sc::kPrefixDocType, Form::kAsIs);
  add("year", sc::kPrefixYear, Form::kAsIs);
  add("contract", sc::kPrefixContract, Form::kNumber);
  add("invoice", sc::kPrefixInvoice, Form::kNumber);
  add("uscc", sc::kPrefixUscc, Form::kNumber);
  add("source", sc::kPrefixSource, Form::kAsIs);
  qp.add_boolean_prefix("client", (new ClientFieldProcessor(clients))->release());
  qp.add_boolean_prefix("level", (new LevelFieldProcessor(error))->release());
  qp.add_rangeprocessor((new DateRange(error))->release());
  qp.add_rangeprocessor((new Xapian::NumberRangeProcessor(sc::kSlotAmount, "amount:"))->release());
  return qp;
}

unsigned QueryParserFlags() {
  return Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT |
         Xapian::QueryParser::FLAG_CJK_NGRAM;
}

}  // namespace dangan::search
