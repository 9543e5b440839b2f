#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "models/profile.h"

namespace YAML {
class Node;
}

namespace cellemu::app {

// Per-model profile changes from the config file's `profiles:` key, e.g.
//   profiles:
//     air780ep:
//       identity: {product: AirM2M_780EP_V1010_LTE_AT, imei: "861234567890123"}
//       network: {operator_name: CMCC, rssi: 18}
//       timing: {real: true, connect: 250ms}
//       max_links: 8
// Field names are those of models::Profile (models/profile.h); dashes may stand for
// underscores. Durations are milliseconds or a number with a unit (250ms, 1.5s). Overrides are
// checked when the file is read and applied after --timing picks the timing preset.
class ProfileOverrides {
 public:
  // Reads a `profiles:` node. On error returns "line N: reason" and leaves `out` unchanged.
  static std::optional<std::string> parse(const YAML::Node& profiles, ProfileOverrides& out);

  void apply(const std::string& model, models::Profile& profile) const;
  bool empty() const { return by_model_.empty(); }
  // The field names a profile accepts ("identity.imei", "max_links", ...), for messages.
  static std::vector<std::string> field_names();

 private:
  std::map<std::string, std::vector<std::function<void(models::Profile&)>>> by_model_;
};

}  // namespace cellemu::app
