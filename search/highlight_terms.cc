// HighlightTerms: from Xapian terms and queries to what snippet.cc marks.
#include "core/utf8.h"
#include "search/snippet.h"

namespace dangan::search {
namespace {

struct Stripped {
  std::string text;
  bool stemmed = false;
  bool skip = false;  // a boolean term
};

// "Zsign" -> sign (stemmed), "S合同" -> 合同, "ZSsign" -> sign (stemmed),
// "XAKH-…" / "Q7" -> skip.
Stripped Strip(std::string term) {
  Stripped s;
  if (term.empty() || term[0] == 'X' || term[0] == 'Q') {
    s.skip = true;
    return s;
  }
  if (term[0] == 'S') term.erase(0, 1);
  if (!term.empty() && term[0] == 'Z') {
    term.erase(0, 1);
    s.stemmed = true;
    if (!term.empty() && term[0] == 'S') term.erase(0, 1);
  }
  s.skip = term.empty();
  s.text = std::move(term);
  return s;
}

bool StartsCjk(const std::string& text) {
  std::u32string first = DecodeUtf8(std::string_view(text).substr(0, 4));
  return !first.empty() && IsCjk(first[0]);
}

std::string LeafTerm(const Xapian::Query& q) {
  if (q.get_type() != Xapian::Query::LEAF_TERM || q.get_terms_begin() == q.get_terms_end())
    return {};
  return *q.get_terms_begin();
}

void Walk(const Xapian::Query& q, bool lone, HighlightTerms* out) {
  const size_t n = q.get_num_subqueries();
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      out->AddTerm(LeafTerm(q), lone);
      return;
    case Xapian::Query::OP_AND_NOT:
      if (n > 0) Walk(q.get_subquery(0), lone, out);
      return;
    case Xapian::Query::OP_PHRASE:
    case Xapian::Query::OP_NEAR: {
      std::vector<std::string> phrase;
      for (size_t i = 0; i < n; ++i) {
        std::string leaf = LeafTerm(q.get_subquery(i));
        if (leaf.empty()) {
          Walk(q.get_subquery(i), false, out);
        } else {
          phrase.push_back(std::move(leaf));
        }
      }
      if (phrase.size() == 1) out->AddTerm(phrase[0], lone);
      if (phrase.size() > 1) out->AddSequence(phrase);
      return;
    }
    case Xapian::Query::OP_AND: {
      // Neighbours that the parser split apart ("zl2024 第 008 号") are a
      // sequence; two CJK leaves are pieces of one n-gram run, whose bigrams
      // are sequences already.
      std::string prev;
      for (size_t i = 0; i < n; ++i) {
        Xapian::Query sub = q.get_subquery(i);
        std::string leaf = LeafTerm(sub);
        Walk(sub, lone && n == 1, out);
        if (!leaf.empty() && !prev.empty() &&
            !(StartsCjk(Strip(prev).text) && StartsCjk(Strip(leaf).text)))
          out->AddSequence({prev, leaf});
        prev = leaf;
      }
      return;
    }
    default:
      for (size_t i = 0; i < n; ++i) Walk(q.get_subquery(i), lone, out);
  }
}

}  // namespace

void HighlightTerms::AddTerm(const std::string& term, bool lone) {
  Stripped s = Strip(term);
  if (s.skip) return;
  std::u32string cps = DecodeUtf8(s.text);
  if (!IsCjk(cps[0])) {
    (s.stemmed ? stems : words).insert(s.text);
    return;
  }
  if (cps.size() == 1) {
    if (lone) cjk_singles.insert(cps[0]);
    return;
  }
  AddSequence({term});
}

void HighlightTerms::AddSequence(const std::vector<std::string>& terms) {
  std::vector<Element> seq;
  for (const std::string& term : terms) {
    Stripped s = Strip(term);
    if (s.skip) return;
    if (!StartsCjk(s.text)) {
      seq.push_back({s.text, s.stemmed});
      continue;
    }
    for (char32_t c : DecodeUtf8(s.text)) seq.push_back({EncodeUtf8(std::u32string(1, c)), false});
  }
  if (seq.size() == 1) {
    AddTerm(terms[0]);
  } else if (!seq.empty()) {
    sequences.push_back(std::move(seq));
  }
}

HighlightTerms HighlightTermsOf(const Xapian::Query& query) {
  HighlightTerms out;
  Walk(query, /*lone=*/true, &out);
  return out;
}

}  // namespace dangan::search
