// The department's records (RECORDS.md) over HTTP (issue 9): access
// requests, change requests, holds, retention, destruction lists, the
// access log, statistics, the audit report and users. Each runs the CLI
// command's code as the session's user (api.h), so the gate, the
// separation of duties and the log rows are the CLI's.
#include <fstream>
#include <sstream>

#include "serve/api.h"

namespace dangan::serve {
namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;
using Ctx = const app::Context&;

// Adds --name=value for each query parameter given (and not empty).
void ParamOpts(Req req, std::vector<std::string>* args,
               std::initializer_list<std::pair<const char*, const char*>> params) {
  for (const auto& [param, option] : params) {
    const std::string v = Param(req, param);
    if (!v.empty()) args->push_back(Opt(option, v));
  }
}

std::string Id(Req req) { return req.matches[1].str(); }

// A handler for POST …/{id}/VERB whose body may carry a reason / days.
httplib::Server::Handler Decide(Api* api, const std::vector<std::string>& command, bool reason,
                                bool days) {
  return Authed(api, [command, reason, days](Req req, Res res, const Session&, Ctx ctx) {
    auto body = JsonBody(req);
    if (!body.ok()) return ReplyError(res, body.status());
    std::vector<std::string> args = command;
    if (reason) args.push_back(Opt("--reason", Member(*body, "reason")));
    if (days && !Member(*body, "days").empty())
      args.push_back(Opt("--days", Member(*body, "days")));
    args.push_back("--");
    args.push_back(Id(req));
    RunAndReply(ctx, res, args);
  });
}

// Runs a command that writes a PDF to --pdf=FILE and answers with the file
// (args end with options or digit-only ids: no "--").
void ReplyPdf(Ctx ctx, Res res, std::vector<std::string> args, const std::string& download_name) {
  const std::filesystem::path tmp =
      std::filesystem::temp_directory_path() / ("dangan-" + RandomToken().substr(0, 16) + ".pdf");
  args.push_back(Opt("--pdf", tmp.string()));
  app::CommandRun run = app::RunInProcess(ctx, args);
  std::string bytes;
  if (run.status.ok()) {
    std::ifstream in(tmp, std::ios::binary);
    std::ostringstream all;
    all << in.rdbuf();
    bytes = all.str();
  }
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  if (!run.status.ok()) return ReplyError(res, run.status);
  res.set_header("Content-Disposition", "attachment; filename=\"" + download_name + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(bytes, "application/pdf");
}

void Log(Req req, Res res, Ctx ctx) {
  std::vector<std::string> args = {"log"};
  ParamOpts(req, &args,
            {{"user", "--user"},
             {"doc", "--doc"},
             {"archive", "--archive"},
             {"action", "--action"},
             {"since", "--since"},
             {"until", "--until"}});
  if (Param(req, "format") != "csv") return RunAndReply(ctx, res, args);
  args.push_back("--csv");
  app::CommandRun run = app::RunInProcess(ctx, args);
  if (!run.status.ok()) return ReplyError(res, run.status);
  res.set_header("Content-Disposition", "attachment; filename=\"dangan-log.csv\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(run.output, "text/csv; charset=utf-8");
}

void AddRequests(httplib::Server& server, Api* api, const std::string& base) {
  server.Get(base + "/requests", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"request", "list"};
               if (Param(req, "mine") == "1" || Param(req, "mine") == "true")
                 args.push_back("--mine");
               ParamOpts(req, &args, {{"state", "--state"}});
               RunAndReply(ctx, res, args);
             }));
  server.Post(base + "/requests", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
                auto body = JsonBody(req);
                if (!body.ok()) return ReplyError(res, body.status());
                std::vector<std::string> args = {"request", "open"};
                const std::string doc = Member(*body, "doc");
                const std::string archive = Member(*body, "archive");
                if (!doc.empty()) args.push_back(Opt("--doc", doc));
                if (!archive.empty()) args.push_back(Opt("--archive", archive));
                args.push_back(Opt("--purpose", Member(*body, "purpose")));
                if (!Member(*body, "days").empty())
                  args.push_back(Opt("--days", Member(*body, "days")));
                app::CommandRun run = app::RunInProcess(ctx, args);
                std::optional<int64_t> doc_id;
                if (!doc.empty() && doc.find_first_not_of("0123456789") == std::string::npos &&
                    doc.size() < 19)
                  doc_id = std::stoll(doc);
                run.status = HideAboveClearance(
                    ctx, run.status, doc_id,
                    archive.empty() ? std::nullopt : std::optional<std::string>(archive));
                ReplyRun(res, run);
              }));
  server.Post(base + R"(/requests/(\d{1,18})/approve)",
              Decide(api, {"request", "approve"}, false, true));
  server.Post(base + R"(/requests/(\d{1,18})/reject)",
              Decide(api, {"request", "reject"}, true, false));
  server.Post(base + R"(/requests/(\d{1,18})/return)",
              Decide(api, {"request", "return"}, false, false));
}

void AddChanges(httplib::Server& server, Api* api, const std::string& base) {
  server.Get(base + "/changes", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"change", "list"};
               ParamOpts(req, &args, {{"state", "--state"}});
               RunAndReply(ctx, res, args);
             }));
  server.Post(base + "/changes", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
                auto body = JsonBody(req);
                if (!body.ok()) return ReplyError(res, body.status());
                const std::string kind = Member(*body, "kind");
                std::vector<std::string> args = {"change", "propose", kind,
                                                 Opt("--reason", Member(*body, "reason"))};
                if (kind == "client" || kind == "fields") {
                  auto set = body->find("set");
                  if (set == body->end() || !set->is_object() || set->empty())
                    return ReplyError(
                        res, Status::InvalidArgument("\"set\" must be an object of KEY: VALUE"));
                  for (const auto& [key, value] : set->items())
                    args.push_back(Opt(
                        "--set",
                        key + "=" + (value.is_string() ? value.get<std::string>() : value.dump())));
                  args.push_back("--");
                  args.push_back(Member(*body, "target"));
                } else {
                  args.push_back("--");
                  args.push_back(Member(*body, "target"));
                  args.push_back(Member(*body, "value"));
                }
                RunAndReply(ctx, res, args);
              }));
  server.Post(base + R"(/changes/(\d{1,18})/approve)",
              Decide(api, {"change", "approve"}, false, false));
  server.Post(base + R"(/changes/(\d{1,18})/reject)",
              Decide(api, {"change", "reject"}, true, false));
}

void AddHolds(httplib::Server& server, Api* api, const std::string& base) {
  server.Get(base + "/holds", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"hold", "list"};
               if (Param(req, "all") == "1" || Param(req, "all") == "true") args.push_back("--all");
               RunAndReply(ctx, res, args);
             }));
  auto hold = [api](const char* verb, bool reason_required) {
    return Authed(api, [verb, reason_required](Req req, Res res, const Session&, Ctx ctx) {
      auto body = JsonBody(req);
      if (!body.ok()) return ReplyError(res, body.status());
      std::vector<std::string> args = {"hold", verb};
      const std::string reason = Member(*body, "reason");
      if (reason_required || !reason.empty()) args.push_back(Opt("--reason", reason));
      args.push_back("--");
      args.push_back(Member(*body, "target"));
      RunAndReply(ctx, res, args);
    });
  };
  server.Post(base + "/holds", hold("add", true));
  server.Post(base + "/holds/remove", hold("remove", false));
}

void AddDestruction(httplib::Server& server, Api* api, const std::string& base) {
  server.Get(base + "/retention/due", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"retention", "due"};
               ParamOpts(req, &args, {{"as_of", "--as-of"}, {"archive", "--archive"}});
               RunAndReply(ctx, res, args);
             }));
  server.Get(base + "/destruction", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"destruction", "list"};
               ParamOpts(req, &args, {{"state", "--state"}});
               RunAndReply(ctx, res, args);
             }));
  server.Post(base + "/destruction", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
                auto body = JsonBody(req);
                if (!body.ok()) return ReplyError(res, body.status());
                std::vector<std::string> args = {"destruction", "propose"};
                if (!Member(*body, "as_of").empty())
                  args.push_back(Opt("--as-of", Member(*body, "as_of")));
                if (!Member(*body, "archive").empty())
                  args.push_back(Opt("--archive", Member(*body, "archive")));
                RunAndReply(ctx, res, args);
              }));
  server.Get(base + R"(/destruction/(\d{1,18}))",
             Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               if (Param(req, "format") == "pdf")
                 return ReplyPdf(ctx, res, {"destruction", "show", Id(req)},
                                 "destruction-" + Id(req) + ".pdf");
               RunAndReply(ctx, res, {"destruction", "show", "--", Id(req)});
             }));
  server.Post(base + R"(/destruction/(\d{1,18})/approve)",
              Decide(api, {"destruction", "approve"}, false, false));
  server.Post(base + R"(/destruction/(\d{1,18})/reject)",
              Decide(api, {"destruction", "reject"}, true, false));
  server.Post(base + R"(/destruction/(\d{1,18})/execute)",
              Decide(api, {"destruction", "execute"}, false, false));
}

}  // namespace

void AddRecordsRoutes(httplib::Server& server, Api* api) {
  const std::string base = kApi;
  AddRequests(server, api, base);
  AddChanges(server, api, base);
  AddHolds(server, api, base);
  AddDestruction(server, api, base);
  server.Get(base + "/log",
             Authed(api, [](Req req, Res res, const Session&, Ctx ctx) { Log(req, res, ctx); }));
  server.Get(base + "/stats", Authed(api, [](Req, Res res, const Session&, Ctx ctx) {
               RunAndReply(ctx, res, {"stats"});
             }));
  server.Get(base + "/audit/report", Authed(api, [](Req req, Res res, const Session&, Ctx ctx) {
               std::vector<std::string> args = {"audit", "report"};
               ParamOpts(req, &args, {{"from", "--from"}, {"to", "--to"}});
               if (Param(req, "format") == "pdf")
                 return ReplyPdf(ctx, res, args, "audit-report.pdf");
               RunAndReply(ctx, res, args);
             }));
  server.Get(base + "/users", Authed(api, [](Req, Res res, const Session&, Ctx ctx) {
               RunAndReply(ctx, res, {"user", "list"});
             }));
}

}  // namespace dangan::serve
