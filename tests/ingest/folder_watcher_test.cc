#include "ingest/folder_watcher.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "support/test_util.h"

namespace dangan::ingest {
namespace {
namespace fs = std::filesystem;
using Sources = std::vector<std::string>;

constexpr double kSettleS = 0.2;
// Timer slack: deadlines are checked against a real clock.
constexpr double kSlackS = 0.02;

WatchSettings Fast() {
  WatchSettings s;
  s.settle_s = kSettleS;
  s.poll_s = 0.1;
  return s;
}

void MakeOld(const fs::path& p) {
  fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(1));
}

void Touch(const fs::path& p) { fs::last_write_time(p, fs::file_time_type::clock::now()); }

// A watcher on TEMP/inbox driven by the real monotonic clock: the loop waits
// on fd() with poll() for at most NextDueMs(), as `dangan watch` does.
class FolderWatcherTest : public ::testing::Test {
 protected:
  FolderWatcherTest() : inbox_(dir_.path() / "inbox") { fs::create_directories(inbox_); }

  void Start(const WatchSettings& s = Fast()) {
    auto w = FolderWatcher::Open({inbox_}, s);
    ASSERT_OK(w);
    w_ = std::move(w).value();
  }
  void CollectOnce() {
    double now = MonotonicSeconds();
    auto r = w_->Collect(now);
    ASSERT_OK(r);
    for (Input& in : *r) {
      got_.push_back(std::move(in));
      got_at_.push_back(now);
    }
  }
  // Collects for seconds.
  void RunFor(double seconds) { RunUntil(SIZE_MAX, seconds); }
  // Collects until n files were reported in all, or for at most timeout_s.
  bool RunUntil(size_t n, double timeout_s) {
    double end = MonotonicSeconds() + timeout_s;
    for (;;) {
      CollectOnce();
      double now = MonotonicSeconds();
      if (got_.size() >= n) return true;
      if (now >= end) return false;
      int ms = w_->NextDueMs(now);
      int left = static_cast<int>(std::ceil((end - now) * 1000));
      if (ms < 0 || ms > left) ms = left;
      pollfd p{w_->fd(), POLLIN, 0};  // a negative fd (all polled) is ignored
      poll(&p, 1, ms);
    }
  }
  Sources GotSources() const {
    Sources s;
    for (const Input& in : got_) s.push_back(in.source);
    std::sort(s.begin(), s.end());
    return s;
  }
  double ReportedAt(const std::string& source) const {
    for (size_t i = 0; i < got_.size(); ++i)
      if (got_[i].source == source) return got_at_[i];
    return -1;
  }

  testing::ScopedTempDir dir_;
  fs::path inbox_;
  std::unique_ptr<FolderWatcher> w_;
  std::vector<Input> got_;
  std::vector<double> got_at_;
};

TEST_F(FolderWatcherTest, StartupScanTakesAnOldFileAtOnceAndAFreshOneAfterSettling) {
  testing::WriteBytes(inbox_ / "old.pdf", "old");
  MakeOld(inbox_ / "old.pdf");
  testing::WriteBytes(inbox_ / "fresh.pdf", "fresh");
  Start();
  double t0 = MonotonicSeconds();
  CollectOnce();
  EXPECT_EQ(GotSources(), Sources{"inbox/old.pdf"});
  EXPECT_EQ(w_->pending(), 1u);
  int due_ms = w_->NextDueMs(MonotonicSeconds());
  EXPECT_GT(due_ms, 0);
  EXPECT_LE(due_ms, 200);
  ASSERT_TRUE(RunUntil(2, 1.0)) << "fresh.pdf never reported";
  EXPECT_GE(ReportedAt("inbox/fresh.pdf") - t0, kSettleS - kSlackS);
  RunFor(0.3);
  EXPECT_EQ(GotSources(), (Sources{"inbox/fresh.pdf", "inbox/old.pdf"}));
  EXPECT_EQ(w_->pending(), 0u);
}

TEST_F(FolderWatcherTest, FileWrittenInChunksIsReportedOnceAfterItIsClosed) {
  Start();
  RunFor(0.05);
  fs::path file = inbox_ / "scan.pdf";
  int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  const std::string chunk(4096, 'x');
  for (int i = 0; i < 4; ++i) {  // pauses shorter than settle_s
    ASSERT_EQ(write(fd, chunk.data(), chunk.size()), static_cast<ssize_t>(chunk.size()));
    RunFor(0.1);
  }
  // Still open, silent for longer than settle_s (under 4 x settle_s): a
  // scanner between pages. Not taken.
  RunFor(0.45);
  EXPECT_TRUE(got_.empty()) << got_.front().source;
  ASSERT_EQ(write(fd, chunk.data(), chunk.size()), static_cast<ssize_t>(chunk.size()));
  close(fd);
  double closed = MonotonicSeconds();
  ASSERT_TRUE(RunUntil(1, 1.0));
  RunFor(0.3);
  EXPECT_EQ(GotSources(), Sources{"inbox/scan.pdf"});
  EXPECT_GE(ReportedAt("inbox/scan.pdf") - closed, kSettleS - kSlackS);
  EXPECT_EQ(fs::file_size(file), 5 * chunk.size());
}

TEST_F(FolderWatcherTest, PartFileIsReportedOnlyUnderItsFinalName) {
  Start();
  RunFor(0.05);
  testing::WriteBytes(inbox_ / "x.part", "partial");
  RunFor(0.4);
  EXPECT_TRUE(got_.empty());
  fs::rename(inbox_ / "x.part", inbox_ / "x.pdf");
  ASSERT_TRUE(RunUntil(1, 1.0));
  RunFor(0.3);
  EXPECT_EQ(GotSources(), Sources{"inbox/x.pdf"});
}

TEST_F(FolderWatcherTest, OfficeLockFilesAndHiddenNamesAreNeverReported) {
  testing::WriteBytes(inbox_ / "~$a.docx", "lock");
  testing::WriteBytes(inbox_ / ".hidden", "h");
  testing::WriteBytes(inbox_ / ".cache" / "inside.pdf", "c");
  testing::WriteBytes(inbox_ / "keep.pdf", "k");
  Start();
  RunFor(0.05);
  testing::WriteBytes(inbox_ / "~$b.docx", "lock");
  testing::WriteBytes(inbox_ / ".later", "h");
  testing::WriteBytes(inbox_ / ".cache" / "later.pdf", "c");
  testing::WriteBytes(inbox_ / "sub" / ".dot.pdf", "d");
  RunFor(0.6);
  EXPECT_EQ(GotSources(), Sources{"inbox/keep.pdf"});
  EXPECT_EQ(w_->watched_dirs(), 2u);  // inbox and sub; .cache is not entered
}

TEST_F(FolderWatcherTest, FolderMovedInIsReportedWholeLikeListInputs) {
  fs::path outside = dir_.path() / "outside" / "KH-2019-0042";
  testing::WriteBytes(outside / "a.pdf", "a");
  testing::WriteBytes(outside / "scans" / "b.pdf", "b");
  Start();
  RunFor(0.05);
  fs::rename(outside, inbox_ / "KH-2019-0042");
  ASSERT_TRUE(RunUntil(2, 1.0));
  RunFor(0.3);
  ASSERT_EQ(GotSources(), (Sources{"inbox/KH-2019-0042/a.pdf", "inbox/KH-2019-0042/scans/b.pdf"}));
  auto listed = ListInputs({inbox_});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  for (const Input& want : *listed) {
    auto it = std::find_if(got_.begin(), got_.end(),
                           [&](const Input& in) { return in.source == want.source; });
    ASSERT_NE(it, got_.end()) << want.source;
    EXPECT_EQ(it->path, want.path);
    EXPECT_EQ(it->folders, want.folders) << want.source;
    EXPECT_FALSE(it->is_symlink);
  }
  EXPECT_EQ(w_->watched_dirs(), 3u);
  // The moved-in folders are watched: a file written there later is seen.
  testing::WriteBytes(inbox_ / "KH-2019-0042" / "scans" / "c.pdf", "c");
  ASSERT_TRUE(RunUntil(3, 1.0));
  EXPECT_EQ(got_.back().source, "inbox/KH-2019-0042/scans/c.pdf");
  EXPECT_EQ(got_.back().folders, (std::vector<std::string>{"scans", "KH-2019-0042", "inbox"}));
}

TEST_F(FolderWatcherTest, SubfolderCreatedThenFilledIsWatched) {
  Start();
  RunFor(0.05);
  // Written before the watcher has seen the folders: found by walking them.
  testing::WriteBytes(inbox_ / "new" / "deep" / "er" / "d.pdf", "d");
  RunFor(0.05);
  testing::WriteBytes(inbox_ / "new" / "c.pdf", "c");
  ASSERT_TRUE(RunUntil(2, 1.0));
  RunFor(0.3);
  EXPECT_EQ(GotSources(), (Sources{"inbox/new/c.pdf", "inbox/new/deep/er/d.pdf"}));
  EXPECT_EQ(w_->watched_dirs(), 4u);
}

TEST_F(FolderWatcherTest, PolledRootSeesNewFilesAndWaitsForAGrowingOne) {
  WatchSettings s = Fast();
  s.force_poll = true;
  s.poll_s = 0.3;  // longer than settle_s: a file must be stat'ed again at its deadline
  Start(s);
  EXPECT_TRUE(w_->polling(inbox_));
  EXPECT_EQ(w_->fd(), -1);
  RunFor(0.05);
  testing::WriteBytes(inbox_ / "new.pdf", "n");
  testing::WriteBytes(inbox_ / "gone.pdf", "g");
  RunFor(0.3);
  ASSERT_EQ(w_->pending(), 2u);
  fs::remove(inbox_ / "gone.pdf");  // seen by a poll, deleted before settling
  // A slow copy over a share: appended every 0.1 s (< settle_s), no events.
  int fd = open((inbox_ / "grow.pdf").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  double last_write = 0;
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(write(fd, "0123456789", 10), 10);
    last_write = MonotonicSeconds();
    RunFor(0.1);
  }
  close(fd);
  ASSERT_TRUE(RunUntil(2, 1.0));
  RunFor(0.4);
  EXPECT_EQ(GotSources(), (Sources{"inbox/grow.pdf", "inbox/new.pdf"}));
  EXPECT_GE(ReportedAt("inbox/grow.pdf") - last_write, kSettleS - kSlackS);
  EXPECT_EQ(w_->watched_dirs(), 0u);
}

TEST_F(FolderWatcherTest, ForgottenFilesAreReportedAgainOnlyAfterAChange) {
  testing::WriteBytes(inbox_ / "taken.pdf", "t");
  MakeOld(inbox_ / "taken.pdf");
  Start();
  CollectOnce();
  ASSERT_EQ(GotSources(), Sources{"inbox/taken.pdf"});
  testing::WriteBytes(inbox_ / "busy.pdf", "b");
  RunFor(0.05);
  ASSERT_EQ(w_->pending(), 1u);
  w_->Forget(inbox_ / "taken.pdf");  // taken, still there (--keep)
  w_->Forget(inbox_ / "busy.pdf");   // pending; the caller is busy with it
  EXPECT_EQ(w_->pending(), 0u);
  w_->RescanAll();
  RunFor(0.4);
  EXPECT_EQ(GotSources(), Sources{"inbox/taken.pdf"});
  Touch(inbox_ / "taken.pdf");
  testing::WriteBytes(inbox_ / "busy.pdf", "b2");
  ASSERT_TRUE(RunUntil(3, 1.0));
  RunFor(0.3);
  EXPECT_EQ(GotSources(), (Sources{"inbox/busy.pdf", "inbox/taken.pdf", "inbox/taken.pdf"}));
}

// The ingester left a file in place because it changed while it was read:
// Rearm makes it pending again, and it is reported once more after settling,
// even though it does not change any further (and even with an old mtime).
TEST_F(FolderWatcherTest, RearmedFileIsReportedAgainAfterSettling) {
  testing::WriteBytes(inbox_ / "changed.pdf", "v1");
  MakeOld(inbox_ / "changed.pdf");
  Start();
  CollectOnce();
  ASSERT_EQ(GotSources(), Sources{"inbox/changed.pdf"});
  w_->Rearm(inbox_ / "changed.pdf", MonotonicSeconds());
  EXPECT_EQ(w_->pending(), 1u);
  RunFor(0.1);
  EXPECT_EQ(GotSources(), Sources{"inbox/changed.pdf"}) << "not before it settled";
  ASSERT_TRUE(RunUntil(2, 1.0));
  RunFor(0.3);
  EXPECT_EQ(GotSources(), (Sources{"inbox/changed.pdf", "inbox/changed.pdf"}));
  w_->Rearm(inbox_ / "gone.pdf", MonotonicSeconds());  // not there: nothing to do
  EXPECT_EQ(w_->pending(), 0u);
}

TEST_F(FolderWatcherTest, FileDeletedBeforeSettlingIsNeverReported) {
  Start();
  RunFor(0.05);
  testing::WriteBytes(inbox_ / "gone.pdf", "g");
  RunFor(0.05);
  EXPECT_EQ(w_->pending(), 1u);
  fs::remove(inbox_ / "gone.pdf");
  RunFor(0.4);
  EXPECT_TRUE(got_.empty());
  EXPECT_EQ(w_->pending(), 0u);
}

TEST_F(FolderWatcherTest, RescanAfterOverflowDoesNotReportTakenFilesAgain) {
  testing::WriteBytes(inbox_ / "a.pdf", "a");
  testing::WriteBytes(inbox_ / "sub" / "b.pdf", "b");
  MakeOld(inbox_ / "a.pdf");
  MakeOld(inbox_ / "sub" / "b.pdf");
  Start();
  CollectOnce();
  testing::WriteBytes(inbox_ / "c.pdf", "c");
  ASSERT_TRUE(RunUntil(3, 1.0));
  w_->RescanAll();
  EXPECT_EQ(w_->NextDueMs(MonotonicSeconds()), 0);
  RunFor(0.4);
  EXPECT_EQ(GotSources(), (Sources{"inbox/a.pdf", "inbox/c.pdf", "inbox/sub/b.pdf"}));
  EXPECT_EQ(w_->watched_dirs(), 2u);
}

TEST_F(FolderWatcherTest, TenThousandFilesDroppedAtOnceOverflowTheQueueAndAreEachReportedOnce) {
  // Captures the watcher's log lines to see that the overflow path was taken.
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(256);
  auto saved = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("dangan", sink));
  fs::create_directories(inbox_ / "drop");
  Start();
  RunFor(0.02);
  // Not collecting while they are written: three events a file, more than
  // the kernel queues by default (fs.inotify.max_queued_events = 16384).
  constexpr int kFiles = 10000;
  for (int i = 0; i < kFiles; ++i) {
    fs::path p = (i % 2 ? inbox_ : inbox_ / "drop") / ("f" + std::to_string(i) + ".pdf");
    int fd = open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(write(fd, "x", 1), 1);
    close(fd);
  }
  double written = MonotonicSeconds();
  bool all = RunUntil(kFiles, 2.0);
  double took = MonotonicSeconds() - written;
  RunFor(0.25);
  spdlog::set_default_logger(saved);
  ASSERT_TRUE(all) << "reported " << got_.size();
  EXPECT_LT(took, 1.0);
  std::set<std::string> unique;
  for (const Input& in : got_) unique.insert(in.source);
  EXPECT_EQ(got_.size(), static_cast<size_t>(kFiles));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kFiles));
  EXPECT_EQ(w_->pending(), 0u);
  std::string queued = testing::ReadBytes("/proc/sys/fs/inotify/max_queued_events");
  if (std::strtol(queued.c_str(), nullptr, 10) < 3L * kFiles) {
    std::vector<std::string> lines = sink->last_formatted();
    EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
      return l.find("watch_overflow") != std::string::npos;
    })) << "the queue did not overflow";
  }
}

TEST_F(FolderWatcherTest, SkippedFolderIsNeverEntered) {
  testing::WriteBytes(inbox_ / "home" / "store" / "x.pdf", "x");
  testing::WriteBytes(inbox_ / "a.pdf", "a");
  WatchSettings s = Fast();
  s.skip = {inbox_ / "home" / ".." / "home"};
  Start(s);
  RunFor(0.05);
  testing::WriteBytes(inbox_ / "home" / "later.pdf", "l");
  RunFor(0.4);
  EXPECT_EQ(GotSources(), Sources{"inbox/a.pdf"});
  EXPECT_EQ(w_->watched_dirs(), 1u);
}

TEST_F(FolderWatcherTest, WatchLimitFallsBackToPolling) {
  for (const char* d : {"a", "b", "c"}) testing::WriteBytes(inbox_ / d / "f.pdf", d);
  WatchSettings s = Fast();
  s.max_watches = 2;
  Start(s);
  ASSERT_TRUE(RunUntil(3, 1.0));
  EXPECT_TRUE(w_->polling(inbox_));
  EXPECT_EQ(w_->watched_dirs(), 0u);
  testing::WriteBytes(inbox_ / "c" / "g.pdf", "g");
  ASSERT_TRUE(RunUntil(4, 1.0));
  RunFor(0.2);
  EXPECT_EQ(GotSources(),
            (Sources{"inbox/a/f.pdf", "inbox/b/f.pdf", "inbox/c/f.pdf", "inbox/c/g.pdf"}));
}

TEST_F(FolderWatcherTest, SymlinksAreReportedAndNeverFollowed) {
  testing::WriteBytes(dir_.path() / "outside" / "secret.pdf", "s");
  fs::create_directory_symlink(dir_.path() / "outside", inbox_ / "dirlink");
  Start();
  RunFor(0.05);
  fs::create_symlink(dir_.path() / "outside" / "secret.pdf", inbox_ / "filelink.pdf");
  ASSERT_TRUE(RunUntil(2, 1.0));
  RunFor(0.3);
  EXPECT_EQ(GotSources(), (Sources{"inbox/dirlink", "inbox/filelink.pdf"}));
  for (const Input& in : got_) EXPECT_TRUE(in.is_symlink) << in.source;
  EXPECT_EQ(w_->watched_dirs(), 1u);
}

TEST_F(FolderWatcherTest, FolderMovedOutIsNoLongerWatched) {
  testing::WriteBytes(inbox_ / "sub" / "a.pdf", "a");
  MakeOld(inbox_ / "sub" / "a.pdf");
  Start();
  CollectOnce();
  ASSERT_EQ(GotSources(), Sources{"inbox/sub/a.pdf"});
  fs::rename(inbox_ / "sub", dir_.path() / "sub");
  RunFor(0.05);
  testing::WriteBytes(dir_.path() / "sub" / "b.pdf", "b");
  RunFor(0.4);
  EXPECT_EQ(GotSources(), Sources{"inbox/sub/a.pdf"});
  EXPECT_EQ(w_->watched_dirs(), 1u);
}

TEST_F(FolderWatcherTest, RootRemovedAndMadeAgainIsWatchedAgain) {
  Start();
  RunFor(0.05);
  fs::remove_all(inbox_);
  RunFor(0.15);
  testing::WriteBytes(inbox_ / "back.pdf", "b");
  ASSERT_TRUE(RunUntil(1, 1.0));
  EXPECT_EQ(GotSources(), Sources{"inbox/back.pdf"});
  EXPECT_FALSE(w_->polling(inbox_));
  EXPECT_EQ(w_->watched_dirs(), 1u);
}

TEST_F(FolderWatcherTest, OpenRejectsAMissingRootAndAFile) {
  auto missing = FolderWatcher::Open({dir_.path() / "nope"}, Fast());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos);
  testing::WriteBytes(dir_.path() / "file.pdf", "f");
  auto file = FolderWatcher::Open({dir_.path() / "file.pdf"}, Fast());
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(file.status().message().find("file.pdf"), std::string::npos);
}

}  // namespace
}  // namespace dangan::ingest
