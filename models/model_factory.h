#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/common/modem_base.h"

namespace cellemu::models {

// The models this build emulates, by the names --model accepts.
const std::vector<std::string>& model_names();
// nullptr when the profile names an unknown model.
std::unique_ptr<ModemBase> make_model(ModelEnv env);

}  // namespace cellemu::models
