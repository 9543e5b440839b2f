#pragma once

#include "models/common/modem_base.h"

namespace cellemu::models::nm28 {

// Yuge NM28 (spec nm28.md).
class Nm28Model final : public ModemBase {
 public:
  explicit Nm28Model(ModelEnv env);

 private:
  std::optional<at::Outcome> dispatch_vendor(at::CommandContext& ctx) override;
};

}  // namespace cellemu::models::nm28
