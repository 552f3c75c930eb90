#include "core/types.h"

#include <array>
#include <utility>

namespace dangan {
namespace {

template <typename E, size_t N>
const char* Name(const std::array<std::pair<E, const char*>, N>& table, E v) {
  for (const auto& [e, name] : table)
    if (e == v) return name;
  return "?";
}

template <typename E, size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, const char*>, N>& table,
                        std::string_view s) {
  for (const auto& [e, name] : table)
    if (s == name) return e;
  return std::nullopt;
}

constexpr std::array<std::pair<DocState, const char*>, 3> kDocStates{{
    {DocState::kStored, "stored"},
    {DocState::kNeedsOcr, "needs_ocr"},
    {DocState::kIndexed, "indexed"},
}};
constexpr std::array<std::pair<TextSource, const char*>, 4> kTextSources{{
    {TextSource::kText, "text"},
    {TextSource::kOcr, "ocr"},
    {TextSource::kMixed, "mixed"},
    {TextSource::kNone, "none"},
}};
constexpr std::array<std::pair<QuarantineReason, const char*>, 10> kReasons{{
    {QuarantineReason::kEmpty, "empty"},
    {QuarantineReason::kTooLarge, "too_large"},
    {QuarantineReason::kUnsupported, "unsupported"},
    {QuarantineReason::kCorrupt, "corrupt"},
    {QuarantineReason::kEncrypted, "encrypted"},
    {QuarantineReason::kUnsafeBundle, "unsafe_bundle"},
    {QuarantineReason::kBomb, "bomb"},
    {QuarantineReason::kTimeout, "timeout"},
    {QuarantineReason::kOom, "oom"},
    {QuarantineReason::kCrash, "crash"},
}};
constexpr std::array<std::pair<DocType, const char*>, 5> kDocTypes{{
    {DocType::kContract, "contract"},
    {DocType::kInvoice, "invoice"},
    {DocType::kForm, "form"},
    {DocType::kLetter, "letter"},
    {DocType::kOther, "other"},
}};
constexpr std::array<std::pair<RoutedBy, const char*>, 7> kRoutedBy{{
    {RoutedBy::kFolder, "folder"},
    {RoutedBy::kBarcode, "barcode"},
    {RoutedBy::kPrintedNumber, "printed_number"},
    {RoutedBy::kUscc, "uscc"},
    {RoutedBy::kClientCode, "client_code"},
    {RoutedBy::kManual, "manual"},
    {RoutedBy::kUnfiled, "unfiled"},
}};

constexpr std::array<std::pair<Level, const char*>, 4> kLevels{{
    {Level::kPublic, "public"},
    {Level::kInternal, "internal"},
    {Level::kConfidential, "confidential"},
    {Level::kSecret, "secret"},
}};
constexpr std::array<std::pair<Role, const char*>, 5> kRoles{{
    {Role::kAdmin, "admin"},
    {Role::kArchivist, "archivist"},
    {Role::kStaff, "staff"},
    {Role::kApprover, "approver"},
    {Role::kAuditor, "auditor"},
}};
constexpr std::array<std::pair<RequestState, const char*>, 5> kRequestStates{{
    {RequestState::kPending, "pending"},
    {RequestState::kApproved, "approved"},
    {RequestState::kRejected, "rejected"},
    {RequestState::kReturned, "returned"},
    {RequestState::kExpired, "expired"},
}};

}  // namespace

const char* ToString(DocState v) { return Name(kDocStates, v); }
const char* ToString(TextSource v) { return Name(kTextSources, v); }
const char* ToString(QuarantineReason v) { return Name(kReasons, v); }
const char* ToString(DocType v) { return Name(kDocTypes, v); }
const char* ToString(RoutedBy v) { return Name(kRoutedBy, v); }
const char* ToString(Level v) { return Name(kLevels, v); }
const char* ToString(Role v) { return Name(kRoles, v); }
const char* ToString(RequestState v) { return Name(kRequestStates, v); }

std::optional<DocState> ParseDocState(std::string_view s) { return Lookup(kDocStates, s); }
std::optional<TextSource> ParseTextSource(std::string_view s) { return Lookup(kTextSources, s); }
std::optional<QuarantineReason> ParseQuarantineReason(std::string_view s) {
  return Lookup(kReasons, s);
}
std::optional<DocType> ParseDocType(std::string_view s) { return Lookup(kDocTypes, s); }
std::optional<RoutedBy> ParseRoutedBy(std::string_view s) { return Lookup(kRoutedBy, s); }
std::optional<Level> ParseLevel(std::string_view s) { return Lookup(kLevels, s); }
std::optional<Role> ParseRole(std::string_view s) { return Lookup(kRoles, s); }
std::optional<RequestState> ParseRequestState(std::string_view s) {
  return Lookup(kRequestStates, s);
}

}  // namespace dangan
