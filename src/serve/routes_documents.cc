// Finding and reading (issue 9): search, locate, documents and their
// originals, clients, the unfiled queue and quarantine. Each runs the CLI
// command's code as the session's user (api.h); search uses the pooled
// searchers instead, since it is the hot path.
#include <fstream>

#include "app/original_file.h"
#include "app/search_answer.h"
#include "serve/api.h"

namespace dangan::serve {
namespace {

Result<int> IntParam(const httplib::Request& req, const char* key, int fallback, int max) {
  const std::string text = Param(req, key);
  if (text.empty()) return fallback;
  try {
    size_t used = 0;
    const int v = std::stoi(text, &used);
    if (used == text.size() && v >= 0) return std::min(v, max);
  } catch (const std::exception&) {  // std::stoi: not a number, out of range
  }
  return Status::InvalidArgument(std::string(key) + " must be a number >= 0");
}

int64_t DocId(const httplib::Request& req) { return std::stoll(req.matches[1].str()); }

void Search(Api* api, const httplib::Request& req, httplib::Response& res,
            const app::Context& ctx) {
  app::SearchRequest request;
  request.query = Param(req, "q");
  auto limit = IntParam(req, "limit", 10, 100);
  auto offset = IntParam(req, "offset", 0, 1000000);
  if (!limit.ok()) return ReplyError(res, limit.status());
  if (!offset.ok()) return ReplyError(res, offset.status());
  request.limit = *limit;
  request.offset = *offset;
  if (req.has_param("sort")) request.sort = Param(req, "sort");
  Result<search::SearchResult> result = Status::Internal("no search");
  Result<catalog::User> user = Status::Internal("no user");
  {
    auto lease = api->pool->Acquire();
    if (!lease.ok()) return ReplyError(res, lease.status());
    user = app::Authorize(ctx, lease->catalog(), {authz::Action::kSearch, {}});
    if (!user.ok()) return ReplyError(res, user.status());
    result = app::SearchAs(lease->searcher(), *user, request);
    if (!result.ok() && result.status().code() != StatusCode::kInvalidArgument) lease->Discard();
  }
  if (!result.ok()) return ReplyError(res, result.status());
  // The log row's commit waits for the disk: on a connection of its own,
  // after the searcher is back in the pool for the next request.
  auto cat = catalog::Catalog::Open(ctx.home().catalog(), /*create=*/false);
  if (!cat.ok()) return ReplyError(res, cat.status());
  Status logged = app::LogSearch(cat->get(), *user, *result);
  if (!logged.ok()) return ReplyError(res, logged);
  ReplyJson(res, 200, app::SearchResultJson(*result));
}

// RFC 5987 filename*: UTF-8, percent-encoded.
std::string EncodeFilename(const std::string& name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void Original(const httplib::Request& req, httplib::Response& res, const app::Context& ctx) {
  const int64_t id = DocId(req);
  // One reading, one log row: the viewer's later range requests are parts
  // of the same download (each still passes the gate).
  const bool first_part = req.ranges.empty() || req.ranges.front().first == 0;
  auto original = app::OpenOriginal(ctx, id, first_part);
  if (!original.ok()) return ReplyError(res, HideAboveClearance(ctx, original.status(), id, {}));
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(original->path, ec);
  auto file = std::make_shared<std::ifstream>(original->path, std::ios::binary);
  if (ec || !*file)
    return ReplyError(res, Status::IoError("cannot read the original " + original->path.string()));
  // cpp-httplib 0.11 answers a range that starts or ends past the end with
  // a bogus length: refuse the first (RFC 9110 §15.5.17) and clamp the
  // second (the request is ours to adjust; httplib applies it afterwards).
  for (auto& [first, last] : const_cast<httplib::Ranges&>(req.ranges)) {
    const auto n = static_cast<ssize_t>(size);
    const bool suffix = first < 0 && last > 0;
    const bool from = first >= 0 && first < n && (last < 0 || last >= first);
    if (from && last >= n) last = n - 1;
    if (suffix && last > n) last = n;
    if (!suffix && !from) {
      res.set_header("Content-Range", "bytes */" + std::to_string(size));
      return ReplyError(res,
                        Status::InvalidArgument("range not satisfiable (the original has " +
                                                std::to_string(size) + " bytes)"),
                        416);
    }
  }
  res.set_header("Content-Disposition",
                 "inline; filename*=UTF-8''" + EncodeFilename(original->original_name));
  res.set_header("Accept-Ranges", "bytes");
  res.set_header("ETag", "\"" + original->sha256 + "\"");
  res.set_header("Cache-Control", "private, no-store");  // every reading passes the gate
  res.set_content_provider(static_cast<size_t>(size),
                           original->mime.empty() ? "application/octet-stream" : original->mime,
                           [file](size_t offset, size_t length, httplib::DataSink& sink) {
                             char buf[64 * 1024];
                             file->clear();
                             file->seekg(static_cast<std::streamoff>(offset));
                             const std::streamsize want =
                                 static_cast<std::streamsize>(std::min(length, sizeof buf));
                             file->read(buf, want);
                             const std::streamsize got = file->gcount();
                             if (got <= 0) return false;
                             return sink.write(buf, static_cast<size_t>(got));
                           });
}

void Client(const httplib::Request& req, httplib::Response& res, const app::Context& ctx) {
  const std::string archive = req.matches[1].str();
  app::CommandRun client = app::RunInProcess(ctx, {"clients", "show", "--", archive});
  if (!client.status.ok())
    return ReplyError(res, HideAboveClearance(ctx, client.status, {}, archive));
  app::CommandRun docs = app::RunInProcess(ctx, {"list", Opt("--archive", archive)});
  if (!docs.status.ok()) return ReplyError(res, docs.status);
  try {
    nlohmann::json j = nlohmann::json::parse(client.output);
    j["documents"] = ParseJsonLines(docs.output);
    ReplyJson(res, 200, j);
  } catch (const nlohmann::json::exception& e) {
    ReplyError(res, Status::Internal(std::string("command output is not JSON: ") + e.what()));
  }
}

}  // namespace

void AddDocumentRoutes(httplib::Server& server, Api* api) {
  const std::string base = kApi;
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  using Ctx = const app::Context&;
  server.Get(base + "/search", Authed(api, [api](Req req, Res res, const Session&, Ctx ctx) {
               Search(api, req, res, ctx);
             }));
  server.Get(base + R"(/locate/(.+))", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               RunAndReply(ctx, res, {"locate", "--", req.matches[1].str()});
             }));
  server.Get(base + R"(/documents/(\d{1,18}))",
             Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               const int64_t id = DocId(req);
               app::CommandRun run = app::RunInProcess(ctx, {"show", "--", std::to_string(id)});
               run.status = HideAboveClearance(ctx, run.status, id, {});
               ReplyRun(res, run);
             }));
  server.Get(
      base + R"(/documents/(\d{1,18})/text)",
      Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
        const int64_t id = DocId(req);
        app::CommandRun run = app::RunInProcess(ctx, {"show", "--text", "--", std::to_string(id)});
        run.status = HideAboveClearance(ctx, run.status, id, {});
        ReplyRun(res, run);
      }));
  server.Get(
      base + R"(/documents/(\d{1,18})/original)",
      Authed(api, [](Req req, Res res, const Session&, Ctx ctx) { Original(req, res, ctx); }));
  server.Get(base + "/documents", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"list"};
               if (req.has_param("archive"))
                 args.push_back(Opt("--archive", Param(req, "archive")));
               if (req.has_param("state")) args.push_back(Opt("--state", Param(req, "state")));
               RunAndReply(ctx, res, args, Output::kLines);
             }));
  server.Get(base + "/unfiled", Authed(api, [](Req, Res res, const Session&, Ctx ctx) {
               RunAndReply(ctx, res, {"unfiled"});
             }));
  server.Post(base + R"(/documents/(\d{1,18})/file)",
              Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
                auto body = JsonBody(req);
                if (!body.ok()) return ReplyError(res, body.status());
                const int64_t id = DocId(req);
                app::CommandRun run = app::RunInProcess(
                    ctx, {"file", "--", std::to_string(id), Member(*body, "archive_no")});
                run.status = HideAboveClearance(ctx, run.status, id, {});
                ReplyRun(res, run);
              }));
  server.Get(base + "/quarantine", Authed(api, [](Req, Res res, const Session&, Ctx ctx) {
               RunAndReply(ctx, res, {"quarantine"});
             }));
  server.Post(base + R"(/quarantine/(\d{1,18})/release)",
              Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
                RunAndReply(ctx, res, {"quarantine", Opt("--release", req.matches[1].str())});
              }));
  server.Get(base + "/clients", Authed(api, [](Req, Res res, const Session&, Ctx ctx) {
               RunAndReply(ctx, res, {"clients", "list"});
             }));
  server.Get(base + R"(/clients/([^/]+))",
             Authed(api, [](Req req, Res res, const Session&, Ctx ctx) { Client(req, res, ctx); }));
  server.Get(base + R"(/clients/([^/]+)/history)",
             Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               const std::string archive = req.matches[1].str();
               app::CommandRun run = app::RunInProcess(ctx, {"clients", "history", "--", archive});
               run.status = HideAboveClearance(ctx, run.status, {}, archive);
               ReplyRun(res, run);
             }));
}

}  // namespace dangan::serve
