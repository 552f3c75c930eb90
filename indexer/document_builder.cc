#include "indexer/document_builder.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "indexer/schema.h"

namespace dangan::indexer {
namespace {

namespace sc = schema;

void AddBoolean(Xapian::Document* xdoc, std::string_view prefix, std::string_view value) {
  std::string term = sc::BooleanTerm(prefix, value);
  if (!term.empty()) xdoc->add_boolean_term(term);
}

std::string AsciiUpper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string AsciiLower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// "2023-03-15" -> "20230315"; "" when date is not ISO.
std::string CompactDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
  std::string out = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
  for (char c : out)
    if (c < '0' || c > '9') return {};
  return out;
}

void AddFieldTerms(const catalog::Document& doc, const TextFolder& folder, Xapian::Document* xdoc) {
  if (doc.archive_no) AddBoolean(xdoc, sc::kPrefixArchive, sc::NormaliseNumber(*doc.archive_no));
  AddBoolean(xdoc, sc::kPrefixDocType, ToString(doc.doc_type));
  AddBoolean(xdoc, sc::kPrefixSource, ToString(doc.text_source));
  AddBoolean(xdoc, sc::kPrefixMime, AsciiLower(doc.mime));
  AddBoolean(xdoc, sc::kPrefixLevel, ToString(doc.level));
  const catalog::Fields& f = doc.fields;
  if (f.uscc) AddBoolean(xdoc, sc::kPrefixUscc, AsciiUpper(*f.uscc));
  // A document's own numbers count as quoted in it too (locate, XN).
  if (f.contract_no) {
    std::string n = sc::NormaliseNumber(folder.Fold(*f.contract_no));
    AddBoolean(xdoc, sc::kPrefixContract, n);
    AddBoolean(xdoc, sc::kPrefixNumber, n);
  }
  if (f.invoice_no) {
    std::string n = sc::NormaliseNumber(folder.Fold(*f.invoice_no));
    AddBoolean(xdoc, sc::kPrefixInvoice, n);
    AddBoolean(xdoc, sc::kPrefixNumber, n);
  }
}

void AddValues(const catalog::Document& doc, const std::string& client_name,
               Xapian::Document* xdoc) {
  const catalog::Fields& f = doc.fields;
  if (f.date) {
    std::string compact = CompactDate(*f.date);
    if (!compact.empty()) {
      xdoc->add_value(sc::kSlotDate, compact);
      xdoc->add_value(sc::kSlotYear, compact.substr(0, 4));
      AddBoolean(xdoc, sc::kPrefixYear, compact.substr(0, 4));
    }
  }
  if (f.amount) {
    char* end = nullptr;
    double amount = std::strtod(f.amount->c_str(), &end);
    if (end != f.amount->c_str() && *end == '\0')
      xdoc->add_value(sc::kSlotAmount, Xapian::sortable_serialise(amount));
  }
  if (doc.archive_no) xdoc->add_value(sc::kSlotArchive, *doc.archive_no);
  xdoc->add_value(sc::kSlotDocType, ToString(doc.doc_type));
  if (!client_name.empty()) xdoc->add_value(sc::kSlotClient, client_name);
}

std::string DocumentData(const catalog::Document& doc) {
  nlohmann::json data = {
      {"id", doc.id},
      {"sha256", doc.sha256},
      {"title", doc.title},
      {"archive_no", doc.archive_no ? nlohmann::json(*doc.archive_no) : nlohmann::json(nullptr)},
      {"stored_path", doc.stored_path}};
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Marks CJK n-grams as "stop words" so that, with STOP_STEMMED, they are
// indexed as they are but get no Z-prefixed stemmed twin: the English
// stemmer does nothing useful to 合同, and the twins doubled the index. The
// query parser never stems CJK terms, so nothing looks for the twins.
class CjkNoStem : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override {
    std::u32string first = DecodeUtf8(std::string_view(term).substr(0, 4));
    return !first.empty() && IsCjk(first[0]);
  }
};

}  // namespace

Xapian::TermGenerator MakeTermGenerator() {
  Xapian::TermGenerator tg;
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  tg.set_stemmer(Xapian::Stem("en"));
  tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  tg.set_stopper((new CjkNoStem())->release());
  tg.set_stopper_strategy(Xapian::TermGenerator::STOP_STEMMED);
  return tg;
}

Xapian::Document BuildXapianDocument(const catalog::Document& doc,
                                     const std::vector<catalog::Page>& pages,
                                     const std::string& client_name, const TextFolder& folder,
                                     Xapian::TermGenerator* tg) {
  Xapian::Document xdoc;
  tg->set_document(xdoc);
  std::string title = folder.FoldForIndex(doc.title);
  tg->index_text(title);
  tg->index_text(title, 1, std::string(sc::kPrefixTitle));
  std::vector<std::string> numbers = sc::FindQuotedNumbers(title);
  for (const catalog::Page& page : pages) {
    tg->increase_termpos(sc::kPageGap);
    std::string text = folder.FoldForIndex(page.text);
    tg->index_text(text);
    for (std::string& n : sc::FindQuotedNumbers(text)) numbers.push_back(std::move(n));
  }
  for (const std::string& n : numbers) AddBoolean(&xdoc, sc::kPrefixNumber, n);
  xdoc.add_boolean_term(sc::IdTerm(doc.id));
  AddFieldTerms(doc, folder, &xdoc);
  AddValues(doc, client_name, &xdoc);
  xdoc.set_data(DocumentData(doc));
  return xdoc;
}

}  // namespace dangan::indexer
