#include "models/common/pdp_contexts.h"

namespace cellemu::models {

void PdpContexts::reset(const std::string& default_apn, bool attached) {
  contexts_ = {};
  PdpContext& first = contexts_[1];
  first.defined = true;
  first.apn = default_apn;
  first.active = attached;
}

PdpContext* PdpContexts::find(int cid) {
  if (cid < 1 || cid > kMaxCid) return nullptr;
  return &contexts_[static_cast<std::size_t>(cid)];
}

void PdpContexts::deactivate_all() {
  for (auto& c : contexts_) c.active = false;
}

void PdpContexts::attached() {
  if (contexts_[1].defined) contexts_[1].active = true;
}

}  // namespace cellemu::models
