// WriterLock (core/writer_lock.h): waiting for the holder, giving up with
// its name, the "wanted" courtesy and the clean-release mark. flock locks
// belong to open file descriptions, so two Acquire()s in one process
// contend like two processes do.
#include "core/writer_lock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "core/clock.h"
#include "support/test_util.h"

namespace dangan {
namespace {

using testing::ScopedTempDir;

class WriterLockTest : public ::testing::Test {
 protected:
  std::filesystem::path lock() const { return dir_.path() / "dangan.lock"; }
  ScopedTempDir dir_;
};

TEST_F(WriterLockTest, ASecondWriterWithoutWaitIsBusyAndNamesTheHolder) {
  auto first = WriterLock::Acquire(lock(), "watch");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = WriterLock::Acquire(lock(), "file");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  EXPECT_NE(second.status().message().find("dangan watch (pid " + std::to_string(::getpid())),
            std::string::npos)
      << second.status().message();
}

TEST_F(WriterLockTest, AWaitingWriterGetsTheLockWhenTheHolderLetsGo) {
  auto first = WriterLock::Acquire(lock(), "watch");
  ASSERT_TRUE(first.ok());
  std::thread holder([&] {
    // The waiter says it waits while it does.
    const double give_up = MonotonicSeconds() + 5;
    while (!(*first)->Wanted() && MonotonicSeconds() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE((*first)->Wanted());
    first->reset();
  });
  auto second = WriterLock::Acquire(lock(), "file", {10});
  holder.join();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  // Once it holds the lock, nobody waits any more.
  EXPECT_FALSE((*second)->Wanted());
  EXPECT_FALSE(WritersWaiting(lock()));
}

TEST_F(WriterLockTest, AWaitThatRunsOutIsBusyAfterTheWait) {
  auto first = WriterLock::Acquire(lock(), "reindex");
  ASSERT_TRUE(first.ok());
  const double start = MonotonicSeconds();
  auto second = WriterLock::Acquire(lock(), "file", {0.3});
  const double waited = MonotonicSeconds() - start;
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  EXPECT_GE(waited, 0.3);
  EXPECT_NE(second.status().message().find("dangan reindex"), std::string::npos);
  EXPECT_FALSE(WritersWaiting(lock())) << "a waiter that gave up no longer says it waits";
}

TEST_F(WriterLockTest, AWakeFdEndsTheWait) {
  auto first = WriterLock::Acquire(lock(), "reindex");
  ASSERT_TRUE(first.ok());
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  ASSERT_EQ(::write(p[1], "x", 1), 1);
  const double start = MonotonicSeconds();
  auto second = WriterLock::Acquire(lock(), "watch", {-1, p[0]});
  EXPECT_LT(MonotonicSeconds() - start, 5);
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  ::close(p[0]);
  ::close(p[1]);
}

TEST_F(WriterLockTest, TheNextHolderLearnsWhetherTheLastEndedCleanly) {
  {
    auto fresh = WriterLock::Acquire(lock(), "init");
    ASSERT_TRUE(fresh.ok());
    EXPECT_FALSE((*fresh)->previous_clean()) << "no holder before: reconcile";
    (*fresh)->MarkConsistent();
  }
  {
    auto next = WriterLock::Acquire(lock(), "file");
    ASSERT_TRUE(next.ok());
    EXPECT_TRUE((*next)->previous_clean());
    (*next)->MarkInconsistent();  // failed half-way
  }
  {
    auto next = WriterLock::Acquire(lock(), "verify");
    ASSERT_TRUE(next.ok());
    EXPECT_FALSE((*next)->previous_clean());
    // Not reconciled: the mark stays "not clean" for the one after.
  }
  auto last = WriterLock::Acquire(lock(), "watch");
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE((*last)->previous_clean());
}

TEST_F(WriterLockTest, TakingAndReleasingManyTimesLeaksNoDescriptor) {
  auto count_fds = [] {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) n += !e.path().empty();
    return n;
  };
  const int before = count_fds();
  for (int i = 0; i < 500; ++i) {
    auto l = WriterLock::Acquire(lock(), "serve", {1});
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    EXPECT_FALSE((*l)->Wanted());
  }
  EXPECT_EQ(count_fds(), before);
}

TEST_F(WriterLockTest, OneWatchPerHome) {
  const auto file = dir_.path() / "dangan.watch.lock";
  EXPECT_FALSE(WatchLock::Held(file));
  auto first = WatchLock::Acquire(file);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(WatchLock::Held(file));
  auto second = WatchLock::Acquire(file);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kBusy);
  first->reset();
  EXPECT_FALSE(WatchLock::Held(file));
}

}  // namespace
}  // namespace dangan
