#include "models/model_factory.h"

#include "models/air780ep/air780ep_model.h"
#include "models/nm28/nm28_model.h"

namespace cellemu::models {

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = {"air780ep", "nm28"};
  return names;
}

std::unique_ptr<ModemBase> make_model(ModelEnv env) {
  if (env.profile.name == "air780ep")
    return std::make_unique<air780ep::Air780epModel>(std::move(env));
  if (env.profile.name == "nm28") return std::make_unique<nm28::Nm28Model>(std::move(env));
  return nullptr;
}

}  // namespace cellemu::models
