#include "core/home.h"

#include "core/fs.h"

namespace dangan {

std::string Home::Relative(const std::filesystem::path& p) const { return RelativeTo(p, root_); }

}  // namespace dangan
