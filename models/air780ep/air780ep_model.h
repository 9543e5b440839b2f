#pragma once

#include "models/common/modem_base.h"

namespace cellemu::models::air780ep {

// AirM2M Air780EP, Luat "LTE_AT" firmware (spec air780ep.md).
class Air780epModel final : public ModemBase {
 public:
  explicit Air780epModel(ModelEnv env);

 private:
  std::optional<at::Outcome> dispatch_vendor(at::CommandContext& ctx) override;
};

}  // namespace cellemu::models::air780ep
