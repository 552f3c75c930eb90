#include "backup/manifest.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/fs.h"

namespace dangan::backup {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json FileJson(const ManifestFile& f) {
  json j = {{"path", f.path}, {"sha256", f.sha256}, {"size", f.size}};
  if (!f.home_path.empty()) j["home_path"] = f.home_path;
  if (!f.kind.empty()) j["kind"] = f.kind;
  if (f.doc_id != 0) j["doc"] = f.doc_id;
  return j;
}

bool IsHex64(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// A manifest path must stay inside DEST: no absolute path, no "..".
bool SafeRelative(const std::string& p) {
  if (p.empty() || p.front() == '/') return false;
  for (const auto& part : fs::path(p))
    if (part == "..") return false;
  return true;
}

Result<ManifestFile> FileFromJson(const json& j, const std::string& where) {
  if (!j.is_object()) return Status::BadData(where + ": not an object");
  ManifestFile f;
  if (!j.contains("path") || !j["path"].is_string() || !j.contains("sha256") ||
      !j["sha256"].is_string() || !j.contains("size") || !j["size"].is_number_unsigned())
    return Status::BadData(where + ": needs path, sha256 and size");
  f.path = j["path"].get<std::string>();
  f.sha256 = j["sha256"].get<std::string>();
  f.size = j["size"].get<uint64_t>();
  if (!SafeRelative(f.path)) return Status::BadData(where + ": unsafe path " + f.path);
  if (!IsHex64(f.sha256)) return Status::BadData(where + ": bad sha256 " + f.sha256);
  if (j.contains("home_path") && j["home_path"].is_string()) {
    f.home_path = j["home_path"].get<std::string>();
    if (!SafeRelative(f.home_path)) return Status::BadData(where + ": unsafe home_path " + f.home_path);
  }
  if (j.contains("kind") && j["kind"].is_string()) f.kind = j["kind"].get<std::string>();
  if (j.contains("doc") && j["doc"].is_number_integer()) f.doc_id = j["doc"].get<int64_t>();
  return f;
}

}  // namespace

std::string ManifestToJson(const Manifest& m) {
  json files = json::array();
  for (const ManifestFile& f : m.files) files.push_back(FileJson(f));
  json j = {{"format", kFormat},
            {"generation", m.generation},
            {"created_at", m.created_at},
            {"home", m.home},
            {"catalog", FileJson(m.catalog)},
            {"config", m.config ? FileJson(*m.config) : json(nullptr)},
            {"log_head", {{"seq", m.log_seq}, {"hash", m.log_head}}},
            {"files", files}};
  return j.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

Result<Manifest> ManifestFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::BadData("manifest: not a JSON object");
  if (j.value("format", "") != kFormat)
    return Status::BadData("manifest: format is not \"" + std::string(kFormat) + "\"");
  Manifest m;
  m.generation = j.value("generation", "");
  m.created_at = j.value("created_at", "");
  m.home = j.value("home", "");
  if (m.generation.empty() || !SafeRelative(m.generation) ||
      m.generation.find('/') != std::string::npos)
    return Status::BadData("manifest: bad generation");
  if (!j.contains("catalog")) return Status::BadData("manifest: no catalog");
  auto cat = FileFromJson(j["catalog"], "manifest catalog");
  if (!cat.ok()) return cat.status();
  m.catalog = std::move(cat).value();
  if (j.contains("config") && !j["config"].is_null()) {
    auto cfg = FileFromJson(j["config"], "manifest config");
    if (!cfg.ok()) return cfg.status();
    m.config = std::move(cfg).value();
  }
  if (j.contains("log_head") && j["log_head"].is_object()) {
    m.log_seq = j["log_head"].value("seq", int64_t{0});
    m.log_head = j["log_head"].value("hash", "");
  }
  if (!j.contains("files") || !j["files"].is_array()) return Status::BadData("manifest: no files");
  for (size_t i = 0; i < j["files"].size(); ++i) {
    auto f = FileFromJson(j["files"][i], "manifest files[" + std::to_string(i) + "]");
    if (!f.ok()) return f.status();
    m.files.push_back(std::move(f).value());
  }
  return m;
}

Result<Manifest> ReadManifest(const fs::path& file) {
  auto text = ReadFile(file, 1ULL << 30);
  if (!text.ok()) return text.status();
  auto m = ManifestFromJson(*text);
  if (!m.ok()) return Status::BadData(file.string() + ": " + m.status().message());
  return m;
}

Status WriteManifest(const fs::path& file, const Manifest& m) {
  return WriteFileAtomic(file, ManifestToJson(m));
}

std::string PoolPath(const std::string& sha256) {
  return std::string(kFilesDir) + "/" + sha256.substr(0, 2) + "/" + sha256;
}

std::string GenerationPath(const std::string& stamp) {
  return std::string(kGenerationsDir) + "/" + stamp;
}

fs::path ManifestPath(const fs::path& dest, const std::string& stamp) {
  return stamp.empty() ? dest / kManifestName : dest / GenerationPath(stamp) / kManifestName;
}

std::vector<std::string> ListGenerations(const fs::path& dest) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dest / kGenerationsDir, ec)) {
    std::string name = e.path().filename().string();
    if (name.ends_with(kPartialSuffix) || !e.is_directory(ec)) continue;
    if (fs::exists(e.path() / kManifestName, ec)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());  // stamps sort by time
  return out;
}

}  // namespace dangan::backup
