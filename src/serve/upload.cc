// POST /upload (issue 9): files from the browser, streamed to disk (never
// whole in memory) into a folder of their own in the inbox,
// HOME/inbox/.upload-TOKEN (a dot folder: `watch` leaves it alone), then
// ingested by the same code as `dangan ingest` (store, extract, file,
// index; bad files quarantined with their reason). The answer says what
// became of each file. ?archive_no=A files them under that archive, as a
// folder named after it in the inbox would.
#include <fstream>

#include "core/hash.h"
#include "ingest/store.h"
#include "serve/api.h"

namespace dangan::serve {
namespace {

struct UploadedFile {
  std::string name;  // as sent (for the answer)
  std::filesystem::path path;
  uint64_t size = 0;
  std::string sha256;
  bool known_before = false;  // the same bytes were already stored
};

// The last path component of a browser-sent file name, made safe: no
// directories, no control characters, never empty, "." or "..".
std::string SafeFileName(const std::string& sent) {
  std::string name = sent;
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  std::string out;
  for (unsigned char c : name)
    if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
  if (out.empty() || out == "." || out == ".." || out[0] == '.') out = "upload" + out;
  if (out.size() > 200) out = out.substr(out.size() - 200);
  return out;
}

std::filesystem::path FreePath(const std::filesystem::path& dir, const std::string& name) {
  std::filesystem::path p = dir / name;
  for (int n = 2; std::filesystem::exists(p); ++n) p = dir / (std::to_string(n) + "-" + name);
  return p;
}

nlohmann::json FileResult(catalog::Catalog* cat, const UploadedFile& f) {
  nlohmann::json j = {{"name", f.name}, {"size", f.size}, {"sha256", f.sha256}};
  auto id = cat->FindDocumentBySha(f.sha256);
  if (id.ok() && id->has_value()) {
    auto doc = cat->GetDocument(**id);
    j["doc_id"] = **id;
    if (doc.ok() && doc->has_value()) {
      const catalog::Document& d = **doc;
      j["archive_no"] = d.archive_no ? nlohmann::json(*d.archive_no) : nlohmann::json(nullptr);
      j["status"] = f.known_before                   ? "duplicate"
                    : !d.archive_no                  ? "unfiled"
                    : d.state == DocState::kNeedsOcr ? "needs_ocr"
                                                     : ToString(d.state);
    }
    return j;
  }
  auto items = cat->ListQuarantine(/*include_released=*/false);
  if (items.ok()) {
    for (const catalog::QuarantineItem& q : *items) {
      if (q.sha256 != f.sha256) continue;
      j["status"] = "quarantined";
      j["reason"] = ToString(q.reason);
      j["detail"] = q.detail;
      j["quarantine_id"] = q.id;
      return j;
    }
  }
  // A bundle: its members were ingested one by one (see the summary).
  j["status"] = "expanded";
  return j;
}

void Upload(Api* api, const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& content_reader) {
  auto admitted = Admit(api, req, res);
  if (!admitted) return;
  const app::Context& ctx = admitted->second;
  const Home home = ctx.home();
  auto cat = catalog::Catalog::Open(home.catalog(), /*create=*/false);
  if (!cat.ok()) return ReplyError(res, cat.status());
  // The gate before reading the body: a user who may not ingest sends
  // nothing to disk.
  auto user = app::Authorize(ctx, cat->get(), {authz::Action::kIngest, {}});
  if (!user.ok()) return ReplyError(res, user.status());
  if (!req.is_multipart_form_data())
    return ReplyError(res,
                      Status::InvalidArgument("send multipart/form-data with parts named files"));
  const std::string archive_no = Param(req, "archive_no");
  if (!archive_no.empty()) {
    auto client = (*cat)->GetClient(archive_no);
    if (!ingest::IsSafeFolderName(archive_no) || !client.ok() || !client->has_value())
      return ReplyError(res, Status::NotFound("no archive " + archive_no));
  }
  const std::filesystem::path batch = home.inbox() / (".upload-" + RandomToken().substr(0, 16));
  const std::filesystem::path dir = archive_no.empty() ? batch : batch / archive_no;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return ReplyError(res, Status::IoError("cannot create " + dir.string() + ": " + ec.message()));

  std::vector<UploadedFile> files;
  std::ofstream out;
  std::unique_ptr<Sha256> hash;
  Status failed;
  auto finish_file = [&] {
    if (!out.is_open()) return;
    out.flush();
    if (!out) failed = Status::IoError("cannot write " + files.back().path.string());
    out.close();
    files.back().sha256 = hash->HexDigest();
  };
  const bool read = content_reader(
      [&](const httplib::MultipartFormData& part) {
        finish_file();
        if (!failed.ok() || part.filename.empty()) return failed.ok();  // a plain field
        UploadedFile f;
        f.name = part.filename;
        f.path = FreePath(dir, SafeFileName(part.filename));
        files.push_back(f);
        out.open(f.path, std::ios::binary | std::ios::trunc);
        hash = std::make_unique<Sha256>();
        if (!out) failed = Status::IoError("cannot create " + f.path.string());
        return failed.ok();
      },
      [&](const char* data, size_t length) {
        if (!out.is_open()) return true;  // a plain field's value
        out.write(data, static_cast<std::streamsize>(length));
        hash->Update(data, length);
        files.back().size += length;
        return static_cast<bool>(out);
      });
  finish_file();
  if (!read && failed.ok()) failed = Status::IoError("the upload was cut short");
  if (failed.ok() && files.empty()) failed = Status::InvalidArgument("no file in the upload");
  if (!failed.ok()) {
    std::filesystem::remove_all(batch, ec);
    return ReplyError(res, failed);
  }
  for (UploadedFile& f : files) {
    auto id = (*cat)->FindDocumentBySha(f.sha256);
    f.known_before = id.ok() && id->has_value();
  }
  app::CommandRun run = app::RunInProcess(ctx, {"ingest", "--", dir.string()});
  if (!run.status.ok()) return ReplyError(res, run.status);
  nlohmann::json result = {{"files", nlohmann::json::array()}};
  for (const UploadedFile& f : files) result["files"].push_back(FileResult(cat->get(), f));
  try {
    result["summary"] = nlohmann::json::parse(run.output);
  } catch (const nlohmann::json::exception&) {
    result["summary"] = nullptr;
  }
  // Inputs are removed by ingest once stored or quarantined; what is left
  // (nothing, normally) stays for the next `dangan ingest` to see.
  std::filesystem::remove(dir, ec);
  std::filesystem::remove(batch, ec);
  ReplyJson(res, 200, result);
}

}  // namespace

void AddUploadRoute(httplib::Server& server, Api* api) {
  server.Post(std::string(kApi) + "/upload",
              [api](const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& content_reader) {
                Upload(api, req, res, content_reader);
              });
}

}  // namespace dangan::serve
