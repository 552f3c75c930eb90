// The domain words of DESIGN §4–§5 as enums, each with one ToString()/Parse…()
// pair (STYLE §2). The strings are the JSON and catalog spellings.
#ifndef DANGAN_CORE_TYPES_H_
#define DANGAN_CORE_TYPES_H_

#include <optional>
#include <string>
#include <string_view>

namespace dangan {

// Document state (DESIGN §5).
enum class DocState { kStored, kNeedsOcr, kIndexed };
// Where a document's text came from (DESIGN §5).
enum class TextSource { kText, kOcr, kMixed, kNone };
// Why an input was quarantined (DESIGN §5): exactly one per item.
enum class QuarantineReason {
  kEmpty,
  kTooLarge,
  kUnsupported,
  kCorrupt,
  kEncrypted,
  kUnsafeBundle,
  kBomb,
  kTimeout,
  kOom,
  kCrash,
};
// Document type (DESIGN §4.5).
enum class DocType { kContract, kInvoice, kForm, kLetter, kOther };
// The routing rule that filed a document (DESIGN §4.4); kUnfiled when none did.
enum class RoutedBy { kFolder, kBarcode, kPrintedNumber, kUscc, kClientCode, kManual, kUnfiled };
// Confidentiality level (密级, RECORDS §2), ordered: compare with < and >.
enum class Level { kPublic = 0, kInternal = 1, kConfidential = 2, kSecret = 3 };
// A user's role (RECORDS §1); a user may hold several.
enum class Role { kAdmin, kArchivist, kStaff, kApprover, kAuditor };
// An access request's state (RECORDS §3). kExpired is never stored: it is an
// approved request past its expires_at, computed when read.
enum class RequestState { kPending, kApproved, kRejected, kReturned, kExpired };

const char* ToString(DocState v);
const char* ToString(TextSource v);
const char* ToString(QuarantineReason v);
const char* ToString(DocType v);
const char* ToString(RoutedBy v);
const char* ToString(Level v);
const char* ToString(Role v);
const char* ToString(RequestState v);

std::optional<DocState> ParseDocState(std::string_view s);
std::optional<TextSource> ParseTextSource(std::string_view s);
std::optional<QuarantineReason> ParseQuarantineReason(std::string_view s);
std::optional<DocType> ParseDocType(std::string_view s);
std::optional<RoutedBy> ParseRoutedBy(std::string_view s);
std::optional<Level> ParseLevel(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<RequestState> ParseRequestState(std::string_view s);

// Every level, lowest first.
inline constexpr Level kAllLevels[] = {Level::kPublic, Level::kInternal, Level::kConfidential,
                                       Level::kSecret};

}  // namespace dangan

#endif  // DANGAN_CORE_TYPES_H_
