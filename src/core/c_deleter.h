// CDeleter: frees a C library handle with the library's own free function,
// so each handle has one RAII owner (STYLE §4):
//   using ArchivePtr = std::unique_ptr<archive, CDeleter<archive_read_free>>;
#ifndef DANGAN_CORE_C_DELETER_H_
#define DANGAN_CORE_C_DELETER_H_

namespace dangan {

template <auto Fn>
struct CDeleter {
  template <typename T>
  void operator()(T* p) const {
    Fn(p);
  }
};

}  // namespace dangan

#endif  // DANGAN_CORE_C_DELETER_H_
