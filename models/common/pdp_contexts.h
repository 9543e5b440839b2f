#pragma once

#include <array>
#include <optional>
#include <string>

namespace cellemu::models {

// One PDP context as +CGDCONT/+CGAUTH define it (services.md §6.6).
struct PdpContext {
  bool defined = false;
  bool active = false;
  std::string type = "IP";
  std::string apn;
  int auth = 0;  // +CGAUTH <auth_prot>: 0 none, 1 PAP, 2 CHAP
  std::string user;
  std::string password;
};

// The module's PDP contexts, cid 1..15. cid 1 is the default PDN the module brings up itself
// at registration ("+CGEV: ME PDN ACT 1"): defined at power-up, active while attached unless the
// host or the network took it down. A definition made while a context is active is stored and
// takes effect at its next activation (services.md §6.6).
class PdpContexts {
 public:
  static constexpr int kMaxCid = 15;

  // Power-up: only cid 1, with the profile's APN; active when `attached`.
  void reset(const std::string& default_apn, bool attached);
  // nullptr when the cid is out of range.
  PdpContext* find(int cid);
  PdpContext* defined(int cid) {
    PdpContext* c = find(cid);
    return c && c->defined ? c : nullptr;
  }
  // Every active context goes down (detach, CFUN=0, network deactivation).
  void deactivate_all();
  // The radio attached: the default PDN comes up with it.
  void attached();

  template <class Fn>
  void for_each_defined(Fn&& fn) {
    for (int cid = 1; cid <= kMaxCid; ++cid) {
      if (contexts_[static_cast<std::size_t>(cid)].defined) {
        fn(cid, contexts_[static_cast<std::size_t>(cid)]);
      }
    }
  }

 private:
  std::array<PdpContext, kMaxCid + 1> contexts_;  // [0] unused
};

}  // namespace cellemu::models
