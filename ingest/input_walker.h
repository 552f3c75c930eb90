// Input enumeration for `ingest PATH…`: every file below each path, in a
// stable order, with the source name DESIGN §9 records ("inbox/KH-2019-0042/
// 合同.pdf") and the folders it sits in for folder routing.
#ifndef DANGAN_INGEST_INPUT_WALKER_H_
#define DANGAN_INGEST_INPUT_WALKER_H_

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace dangan::ingest {

struct Input {
  std::filesystem::path path;
  // The drop's own name, then the path below it: "inbox/dir/a.pdf".
  std::string source;
  // Folder names from the file's own folder up to the drop, nearest first.
  std::vector<std::string> folders;
  bool is_symlink = false;  // never followed: quarantined as unsupported
};

// Lists the files below each path (a path may be a file). A path given is
// followed if it is a symbolic link (a drop folder linked to a share);
// below it, directories are walked in name order and symbolic links are
// listed, never followed. Folders in skip (the dangan home) are not entered.
// A file reached twice is listed once. A path that does not exist is
// kNotFound naming it.
Result<std::vector<Input>> ListInputs(const std::vector<std::filesystem::path>& paths,
                                      const std::vector<std::filesystem::path>& skip = {});

// Folder names of a member path inside a bundle ("a/b/c.pdf" -> {"b", "a"};
// "x.zip!d/e.pdf" -> {"d"}), nearest first.
std::vector<std::string> MemberFolders(const std::string& member_path);

}  // namespace dangan::ingest

#endif  // DANGAN_INGEST_INPUT_WALKER_H_
