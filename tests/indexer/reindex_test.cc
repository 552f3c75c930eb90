#include "indexer/reindex.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <csignal>
#include <map>

#include "indexer/index_writer.h"
#include "indexer/schema.h"
#include "support/catalog_fixture.h"

namespace dangan::indexer {
namespace {

namespace fs = std::filesystem;

// Everything Xapian holds for each document, keyed by catalog id: terms with
// wdf and positions, values, data. Two indexes with equal dumps are equal.
std::map<std::string, std::string> DumpIndex(const fs::path& dir) {
  std::map<std::string, std::string> out;
  Xapian::Database db(dir.string());
  for (auto id = db.allterms_begin("Q"); id != db.allterms_end("Q"); ++id) {
    Xapian::Document doc = db.get_document(*db.postlist_begin(*id));
    std::string dump;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      dump += *t + "/" + std::to_string(t.get_wdf()) + ":";
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
        dump += std::to_string(*p) + ",";
      dump += "\n";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      dump += "value" + std::to_string(v.get_valueno()) + "=" + *v + "\n";
    out[*id] = dump + doc.get_data();
  }
  return out;
}

class ReindexTest : public testing::CatalogFixture {
 protected:
  // Seven documents over two clients, unfiled, Traditional, English, and
  // one waiting for OCR.
  void AddSampleDocuments() {
    AddClient("KH-2019-0042", "上海华东机械有限公司", "C00017", "91310000MA1FL4XQ2B");
    AddClient("KH-2020-0007", "長榮環保科技有限公司", "C00018");
    auto add = [this](std::string title, std::string page, std::optional<std::string> archive,
                      DocState state = DocState::kStored) {
      testing::DocSpec spec;
      spec.title = std::move(title);
      spec.pages = {std::move(page), "第二页 page two"};
      spec.archive_no = std::move(archive);
      spec.state = state;
      ids_.push_back(AddDocument(spec));
    };
    add("采购合同", "采购合同 HT-2023-0017 浦东新区智慧园区", "KH-2019-0042");
    add("委託代付款協議", "委託代付款協議 石首市農田水利", "KH-2020-0007");
    add("SALES CONTRACT", "The contract was signed in Shanghai.", "KH-2019-0042");
    add("收款收据", "收款收据 No. 33079631", std::nullopt);
    add("付款催告函", "付款催告函", "KH-2019-0042");
    add("扫描件", "", "KH-2020-0007", DocState::kNeedsOcr);
    add("发票", "增值税专用发票 04418823", "KH-2020-0007");
  }

  // Indexes every catalog document but those waiting for OCR into dir with
  // IndexWriter, as ingest does.
  void IndexIncrementally(const fs::path& dir) {
    auto writer = IndexWriter::Open(dir, folder());
    ASSERT_OK(writer);
    ASSERT_OK(catalog()->ForEachDocument({}, 0, [&](const catalog::Document& d) {
      if (d.state == DocState::kNeedsOcr) return true;
      auto pages = catalog()->GetPages(d.id);
      EXPECT_OK(pages);
      EXPECT_OK((*writer)->Replace(d, *pages, ClientName(d.archive_no)));
      return true;
    }));
    ASSERT_OK((*writer)->Commit());
  }

  std::map<int64_t, DocState> States() {
    std::map<int64_t, DocState> out;
    EXPECT_OK(catalog()->ForEachDocument({}, 0, [&](const catalog::Document& d) {
      out[d.id] = d.state;
      return true;
    }));
    return out;
  }

  void ExpectFinished() {
    EXPECT_FALSE(fs::exists(home() / "index.new"));
    EXPECT_FALSE(fs::exists(home() / "index.old"));
    for (auto [id, state] : States()) {
      EXPECT_EQ(state, id == ids_[5] ? DocState::kNeedsOcr : DocState::kIndexed) << "doc " << id;
    }
    EXPECT_EQ(DumpIndex(index_dir()).size(), ids_.size() - 1) << "all but the needs_ocr one";
  }

  std::vector<int64_t> ids_;
};

TEST_F(ReindexTest, ReindexEqualsIncrementalIndex) {
  AddSampleDocuments();
  IndexIncrementally(home() / "incremental");
  auto stats = Reindex(catalog(), home(), folder(), 3, nullptr);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->documents, 6);
  EXPECT_EQ(stats->resumed_after, 0);
  EXPECT_TRUE(stats->complete);
  EXPECT_EQ(DumpIndex(index_dir()), DumpIndex(home() / "incremental"));
  ExpectFinished();
}

TEST_F(ReindexTest, MarksStoredDocumentsIndexedAndKeepsNeedsOcr) {
  AddSampleDocuments();
  ASSERT_OK(Reindex(catalog(), home(), folder(), 500, nullptr));
  ExpectFinished();
  // The needs_ocr document waits for its text outside the index.
  auto dump = DumpIndex(index_dir());
  EXPECT_EQ(dump.count(schema::IdTerm(ids_[5])), 0u);
}

TEST_F(ReindexTest, ResumesAfterBeingStoppedMidway) {
  AddSampleDocuments();
  IndexIncrementally(index_dir());  // the old index stays in place meanwhile
  auto old_dump = DumpIndex(index_dir());
  ReindexOptions options;
  options.batch_size = 2;
  std::vector<int64_t> progress;
  options.progress = [&](int64_t done, int64_t total) {
    progress.push_back(done);
    EXPECT_EQ(total, 7);
    return done < 4;  // stop after the second batch, as a kill would
  };
  auto first = Reindex(catalog(), home(), folder(), options);
  ASSERT_OK(first);
  EXPECT_FALSE(first->complete);
  EXPECT_THAT(progress, ::testing::ElementsAre(2, 4));
  EXPECT_TRUE(fs::exists(home() / "index.new"));
  EXPECT_EQ(DumpIndex(index_dir()), old_dump);

  progress.clear();
  options.progress = [&](int64_t done, int64_t) {
    progress.push_back(done);
    return true;
  };
  auto second = Reindex(catalog(), home(), folder(), options);
  ASSERT_OK(second);
  EXPECT_TRUE(second->complete);
  EXPECT_EQ(second->resumed_after, ids_[3]);
  EXPECT_EQ(second->documents, 6);
  EXPECT_THAT(progress, ::testing::ElementsAre(5, 6));
  EXPECT_EQ(DumpIndex(index_dir()), old_dump);  // same catalog, same index
  ExpectFinished();
}

TEST_F(ReindexTest, SwapsWithTwoRenamesWhereExchangeIsMissing) {
  AddSampleDocuments();
  IndexIncrementally(index_dir());
  ReindexOptions options;
  options.atomic_exchange = false;
  ASSERT_OK(Reindex(catalog(), home(), folder(), options));
  ExpectFinished();
  // A second run starts afresh and swaps again.
  ASSERT_OK(Reindex(catalog(), home(), folder(), options));
  ExpectFinished();
}

TEST_F(ReindexTest, NothingToFinishIsOk) {
  EXPECT_OK(FinishInterruptedReindexSwap(catalog(), home()));
  ASSERT_OK(Reindex(catalog(), home(), folder(), 500, nullptr));
  EXPECT_TRUE(fs::exists(index_dir()));
}

#ifdef DANGAN_FAULT_INJECTION
// Runs reindex_crash_helper (a real process) with DANGAN_CRASH_AT=point;
// returns true when it died of SIGKILL there.
bool RunHelperCrashingAt(const fs::path& home, const std::string& point, bool exchange) {
  pid_t pid = fork();
  if (pid == 0) {
    setenv("DANGAN_CRASH_AT", point.c_str(), 1);
    execl(REINDEX_CRASH_HELPER, REINDEX_CRASH_HELPER, home.c_str(), exchange ? "1" : "0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return false;
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

struct CrashCase {
  const char* point;
  bool exchange;
};

class ReindexCrashTest : public ReindexTest, public ::testing::WithParamInterface<CrashCase> {};

// After a kill at any step, HOME/index is the old or the new index (or, in
// the two-rename fallback, missing until FinishInterruptedReindexSwap), and
// the next run completes with every document indexed once.
TEST_P(ReindexCrashTest, KilledReindexIsFinishedByTheNextRun) {
  AddSampleDocuments();
  IndexIncrementally(index_dir());
  auto old_dump = DumpIndex(index_dir());
  ASSERT_TRUE(RunHelperCrashingAt(home(), GetParam().point, GetParam().exchange))
      << "helper did not die at " << GetParam().point;
  if (fs::exists(index_dir())) {
    EXPECT_EQ(DumpIndex(index_dir()), old_dump);  // old and new are equal here
  } else {
    EXPECT_FALSE(GetParam().exchange);
    ASSERT_OK(FinishInterruptedReindexSwap(catalog(), home()));
    ASSERT_TRUE(fs::exists(index_dir()));
  }
  auto stats = Reindex(catalog(), home(), folder(), 2, nullptr);
  ASSERT_OK(stats);
  EXPECT_EQ(stats->documents, 6);
  EXPECT_EQ(DumpIndex(index_dir()), old_dump);
  ExpectFinished();
}

INSTANTIATE_TEST_SUITE_P(Points, ReindexCrashTest,
                         ::testing::Values(CrashCase{"reindex.after_batch_commit", true},
                                           CrashCase{"reindex.before_swap_phase", true},
                                           CrashCase{"reindex.after_swap", true},
                                           CrashCase{"reindex.between_renames", false},
                                           CrashCase{"reindex.after_swap", false}),
                         [](const ::testing::TestParamInfo<CrashCase>& info) {
                           std::string name = std::string(info.param.point).substr(8) +
                                              (info.param.exchange ? "_exchange" : "_renames");
                           for (char& c : name)
                             if (c == '.') c = '_';
                           return name;
                         });
#endif

}  // namespace
}  // namespace dangan::indexer
