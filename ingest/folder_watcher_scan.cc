// FolderWatcher's walks and file-system checks (folder_watcher_internal.h).
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <utility>

#include "ingest/folder_watcher_internal.h"

namespace dangan::ingest::watch_internal {
namespace {

struct DirCloser {
  void operator()(DIR* d) const { closedir(d); }
};
using DirPtr = std::unique_ptr<DIR, DirCloser>;

// statfs f_type values (linux/magic.h and the file systems' own headers) of
// file systems whose changes inotify does not see: the writes happen on
// another machine (network, cluster) or in user space (FUSE).
struct FsMagic {
  int64_t magic;
  const char* name;
};
constexpr FsMagic kNetworkFs[] = {
    {0x6969, "nfs"},       {0x517B, "smb"},        {0xFF534D42, "cifs"},   {0xFE534D42, "smb2"},
    {0x65735546, "fuse"},  {0x01021997, "9p"},     {0x00C36400, "ceph"},   {0x5346414F, "afs"},
    {0x6B414653, "afs"},   {0x73757245, "coda"},   {0x0BD00BD0, "lustre"}, {0x01161970, "gfs2"},
    {0x7461636F, "ocfs2"}, {0x786F4256, "vboxsf"}, {0x47504653, "gpfs"},   {0x013111A8, "ibrix"},
    {0x564C, "ncp"},
};

EntryStat FromStat(const struct stat& st) {
  EntryStat e;
  e.id.ino = st.st_ino;
  e.id.size = st.st_size;
  e.id.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  e.is_symlink = S_ISLNK(st.st_mode);
  return e;
}

class Walker {
 public:
  Walker(const WalkFilter& filter, const WalkVisitor& visitor)
      : filter_(filter), visitor_(visitor) {}
  // Lists dir (entered already) and walks its subfolders.
  void Dir(const std::string& dir, const std::string& canonical, bool follow);
  bool IsComplete() const { return complete_; }

 private:
  bool Skipped(const std::string& canonical) const {
    return filter_.skip != nullptr &&
           std::find(filter_.skip->begin(), filter_.skip->end(), canonical) != filter_.skip->end();
  }
  void Incomplete(const std::string& dir, const char* what) {
    spdlog::debug("watch_unreadable dir={} op={} error={}", dir, what, std::strerror(errno));
    complete_ = false;
  }

  const WalkFilter& filter_;
  const WalkVisitor& visitor_;
  bool complete_ = true;
};

void Walker::Dir(const std::string& dir, const std::string& canonical, bool follow) {
  struct Sub {
    std::string name;
    dev_t dev;
  };
  std::vector<Sub> subs;  // entered after dir is closed: one folder open at a time
  {
    UniqueFd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)));
    if (!fd) return Incomplete(dir, "open");
    DirPtr d(fdopendir(fd.get()));
    if (!d) return Incomplete(dir, "fdopendir");
    (void)fd.Release();  // the DIR owns it now
    errno = 0;
    while (const dirent* e = readdir(d.get())) {
      std::string name = e->d_name;
      if (name == "." || name == ".." || IgnoredName(*filter_.ignore, name)) continue;
      struct stat st {};
      if (fstatat(dirfd(d.get()), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        errno = 0;  // gone since readdir
        continue;
      }
      if (S_ISDIR(st.st_mode)) {
        if (!Skipped(JoinPath(canonical, name))) subs.push_back({std::move(name), st.st_dev});
      } else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) {
        visitor_.file(JoinPath(dir, name), FromStat(st));
      }
      // FIFOs, sockets and devices are not documents.
      errno = 0;
    }
    if (errno != 0) Incomplete(dir, "readdir");
  }
  for (const Sub& sub : subs) {
    std::string path = JoinPath(dir, sub.name);
    if (!visitor_.enter(path, sub.dev)) continue;
    Dir(path, JoinPath(canonical, sub.name), /*follow=*/false);
  }
}

}  // namespace

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

bool IsBelow(const std::string& path, const std::string& dir) {
  if (dir == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > dir.size() + 1 && path.compare(0, dir.size(), dir) == 0 &&
         path[dir.size()] == '/';
}

bool IgnoredName(const std::vector<std::string>& patterns, const std::string& name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
    return fnmatch(p.c_str(), name.c_str(), 0) == 0;
  });
}

std::optional<std::string> NetworkFsName(const std::string& path) {
  struct statfs sf {};
  if (statfs(path.c_str(), &sf) != 0) return std::nullopt;
  // f_type is signed on some ABIs: compare the low 32 bits.
  auto type = static_cast<int64_t>(static_cast<uint32_t>(sf.f_type));
  for (const FsMagic& fs : kNetworkFs)
    if (fs.magic == type) return std::string(fs.name);
  return std::nullopt;
}

int64_t WallClockNs() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::optional<EntryStat> StatEntry(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return std::nullopt;
  if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) return std::nullopt;
  return FromStat(st);
}

bool WalkTree(const std::string& dir, const std::string& canonical, bool follow,
              const WalkFilter& filter, const WalkVisitor& visitor) {
  struct stat st {};
  int rc = follow ? stat(dir.c_str(), &st) : lstat(dir.c_str(), &st);
  if (rc != 0 || !S_ISDIR(st.st_mode)) return false;
  if (!visitor.enter(dir, st.st_dev)) return true;
  Walker walker(filter, visitor);
  walker.Dir(dir, canonical, follow);
  return walker.IsComplete();
}

}  // namespace dangan::ingest::watch_internal
