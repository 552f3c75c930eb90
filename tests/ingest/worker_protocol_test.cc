#include "ingest/worker_protocol.h"

#include <gtest/gtest.h>
#include <unistd.h>

namespace dangan::ingest {
namespace {

TEST(WorkerProtocolTest, ResponseRoundTripsWithBadUtf8Replaced) {
  WorkResponse r;
  r.mime = "application/pdf";
  r.kind = FileKind::kPdf;
  r.pages.push_back({"合同\xff", false});
  r.pages.push_back({"", true});
  std::string enc = EncodeResponse(r);
  auto back = DecodeResponse(enc);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->kind, FileKind::kPdf);
  ASSERT_EQ(back->pages.size(), 2u);
  EXPECT_EQ(back->pages[0].text, "合同\xEF\xBF\xBD");
  EXPECT_TRUE(back->pages[1].needs_ocr);
  EXPECT_FALSE(back->quarantine.has_value());
}

TEST(WorkerProtocolTest, QuarantineReasonRoundTrips) {
  WorkResponse r;
  r.quarantine = QuarantineReason::kUnsafeBundle;
  r.detail = "member ../x.pdf escapes the bundle";
  auto back = DecodeResponse(EncodeResponse(r));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->quarantine, QuarantineReason::kUnsafeBundle);
  EXPECT_EQ(back->detail, r.detail);
}

TEST(WorkerProtocolTest, FramesSurviveAPipeInPieces) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ASSERT_TRUE(WriteFrame(fds[1], "first").ok());
  ASSERT_TRUE(WriteFrame(fds[1], std::string(1000, 'x')).ok());
  ::close(fds[1]);
  FrameBuffer buf;
  char c;
  std::vector<std::string> frames;
  std::string payload;
  while (::read(fds[0], &c, 1) == 1) {  // one byte at a time: the worst split
    buf.Append(&c, 1);
    while (buf.Next(&payload)) frames.push_back(payload);
  }
  ::close(fds[0]);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0], "first");
  EXPECT_EQ(frames[1].size(), 1000u);
}

TEST(WorkerProtocolTest, GarbageIsBadData) {
  EXPECT_FALSE(DecodeResponse("not json").ok());
  EXPECT_FALSE(DecodeResponse(R"({"quarantine": "melted"})").ok());
}

}  // namespace
}  // namespace dangan::ingest
