// A real SQLite catalog in a temporary home, filled with clients and
// documents for the indexer and search tests. Header-only: the test binaries
// that include it link dangan_catalog.
#ifndef DANGAN_TESTS_SUPPORT_CATALOG_FIXTURE_H_
#define DANGAN_TESTS_SUPPORT_CATALOG_FIXTURE_H_

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "core/text_fold.h"
#include "support/test_util.h"

namespace dangan::testing {

// What a test says about a document; the rest is filled in plausibly.
struct DocSpec {
  std::string title;
  std::vector<std::string> pages;  // original text, one element per page
  std::optional<std::string> archive_no;
  DocType doc_type = DocType::kContract;
  catalog::Fields fields;
  TextSource text_source = TextSource::kText;
  DocState state = DocState::kStored;
  std::string mime = "application/pdf";
};

class CatalogFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto folder = TextFolder::Create();
    ASSERT_OK(folder);
    folder_ = std::move(folder).value();
    auto cat = catalog::Catalog::Open(home() / "catalog.sqlite", /*create=*/true);
    ASSERT_OK(cat);
    catalog_ = std::move(cat).value();
  }

  const std::filesystem::path& home() const { return dir_.path(); }
  std::filesystem::path index_dir() const { return home() / "index"; }
  catalog::Catalog* catalog() { return catalog_.get(); }
  const TextFolder* folder() const { return folder_.get(); }

  void AddClient(const std::string& archive_no, const std::string& name,
                 const std::string& client_code = "", const std::string& uscc = "") {
    catalog::Client c;
    c.archive_no = archive_no;
    c.name = name;
    c.client_code = client_code;
    c.uscc = uscc;
    c.type = uscc.empty() ? "individual" : "enterprise";
    c.retention = "long";
    c.opened = "2019-01-01";
    ASSERT_OK(catalog_->UpsertClient(c));
  }

  // Inserts the document with its pages; returns its id (0 on failure, with
  // the test failed).
  int64_t AddDocument(const DocSpec& spec) {
    catalog::Document d;
    const std::string serial = std::to_string(++counter_);
    d.sha256 = std::string(64 - serial.size(), 'a') + serial;
    d.original_name = spec.title + ".pdf";
    d.sources = {"inbox/" + d.original_name};
    d.mime = spec.mime;
    d.size = 1000;
    d.pages = static_cast<int>(spec.pages.size());
    d.state = spec.state;
    d.text_source = spec.text_source;
    d.archive_no = spec.archive_no;
    d.routed_by = spec.archive_no ? RoutedBy::kFolder : RoutedBy::kUnfiled;
    d.doc_type = spec.doc_type;
    d.title = spec.title;
    d.fields = spec.fields;
    d.stored_path = "store/" + spec.archive_no.value_or("_unfiled") + "/" + d.sha256 + ".pdf";
    d.ingested_at = "2026-01-01T00:00:00Z";
    std::vector<catalog::Page> pages;
    for (size_t i = 0; i < spec.pages.size(); ++i) {
      catalog::Page p;
      p.page_no = static_cast<int>(i + 1);
      p.text = CleanExtractedText(spec.pages[i]);
      p.text_source = spec.text_source == TextSource::kOcr ? TextSource::kOcr : TextSource::kText;
      pages.push_back(std::move(p));
    }
    EXPECT_OK(catalog_->Begin());
    auto id = catalog_->InsertDocument(&d, pages);
    EXPECT_OK(id);
    EXPECT_OK(catalog_->Commit());
    return id.ok() ? *id : 0;
  }

  std::string ClientName(const std::optional<std::string>& archive_no) {
    if (!archive_no) return "";
    auto c = catalog_->GetClient(*archive_no);
    return c.ok() && c->has_value() ? (*c)->name : "";
  }

 private:
  ScopedTempDir dir_;
  std::unique_ptr<TextFolder> folder_;
  std::unique_ptr<catalog::Catalog> catalog_;
  int counter_ = 0;
};

}  // namespace dangan::testing

#endif  // DANGAN_TESTS_SUPPORT_CATALOG_FIXTURE_H_
