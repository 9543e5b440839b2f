#include "emulator/at/command_table.h"

namespace cellemu::at {

void expand_ids(std::string& text, std::string_view ids) {
  constexpr std::string_view kIds = "{ids}";
  for (auto at = text.find(kIds); at != std::string::npos; at = text.find(kIds, at + ids.size())) {
    text.replace(at, kIds.size(), ids);
  }
}

}  // namespace cellemu::at
