#include "ingest/input_walker.h"

#include <algorithm>
#include <set>

namespace dangan::ingest {
namespace fs = std::filesystem;

namespace {

struct Walker {
  std::vector<fs::path> skip;     // canonical
  std::set<fs::path> seen_files;  // canonical folder + file name
  std::vector<Input>* out;

  void Add(Input in) {
    std::error_code ec;
    fs::path key = fs::weakly_canonical(in.path.parent_path(), ec) / in.path.filename();
    if (seen_files.insert(key).second) out->push_back(std::move(in));
  }
  bool Skipped(const fs::path& dir) const {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(dir, ec);
    return std::find(skip.begin(), skip.end(), c) != skip.end();
  }
  Status Walk(const fs::path& dir, const std::string& source_prefix,
              const std::vector<std::string>& folders);
};

Status Walker::Walk(const fs::path& dir, const std::string& source_prefix,
                    const std::vector<std::string>& folders) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec))
    entries.push_back(*it);
  if (ec) return Status::IoError(dir.string() + ": " + ec.message());
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& e : entries) {
    std::string name = e.path().filename().string();
    std::string source = source_prefix;
    source.append("/").append(name);
    if (e.is_symlink(ec)) {
      Add({e.path(), source, folders, true});
    } else if (e.is_directory(ec)) {
      if (Skipped(e.path())) continue;
      std::vector<std::string> sub = {name};
      sub.insert(sub.end(), folders.begin(), folders.end());
      DANGAN_RETURN_IF_ERROR(Walk(e.path(), source, sub));
    } else if (e.is_regular_file(ec)) {
      Add({e.path(), source, folders, false});
    }
    // Sockets, FIFOs and devices are not documents and are left alone.
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<Input>> ListInputs(const std::vector<fs::path>& paths,
                                      const std::vector<fs::path>& skip) {
  std::vector<Input> out;
  Walker walker{{}, {}, &out};
  for (const fs::path& s : skip) {
    std::error_code ec;
    walker.skip.push_back(fs::weakly_canonical(s, ec));
  }
  for (const fs::path& raw : paths) {
    std::error_code ec;
    fs::path p = fs::absolute(raw, ec).lexically_normal();
    if (p.has_filename() == false) p = p.parent_path();
    auto st = fs::status(p, ec);  // a named path is followed
    if (ec || !fs::exists(st)) return Status::NotFound(raw.string() + ": no such file or folder");
    if (fs::is_directory(st)) {
      std::string root = p.filename().string();
      DANGAN_RETURN_IF_ERROR(walker.Walk(p, root, {root}));
    } else {
      // A named link to a file stands for the file: its bytes are taken.
      std::string parent = p.parent_path().filename().string();
      fs::path target = fs::is_symlink(fs::symlink_status(p, ec)) ? fs::canonical(p, ec) : p;
      walker.Add({target, parent + "/" + p.filename().string(), {parent}, false});
    }
  }
  return out;
}

std::vector<std::string> MemberFolders(const std::string& member_path) {
  // Only the innermost bundle's folders and then the outer ones, nearest first.
  std::vector<std::string> segments;  // split on '!'
  size_t start = 0;
  for (size_t bang; (bang = member_path.find('!', start)) != std::string::npos; start = bang + 1)
    segments.push_back(member_path.substr(start, bang - start));
  segments.push_back(member_path.substr(start));
  std::vector<std::string> folders;
  for (auto seg = segments.rbegin(); seg != segments.rend(); ++seg) {
    std::vector<std::string> parts;
    size_t s = 0;
    for (size_t slash; (slash = seg->find('/', s)) != std::string::npos; s = slash + 1)
      if (slash > s) parts.push_back(seg->substr(s, slash - s));
    // The last part is the file (or the nested bundle's own name): not a folder.
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) folders.push_back(*it);
  }
  return folders;
}

}  // namespace dangan::ingest
