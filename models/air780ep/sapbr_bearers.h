#pragma once

#include <array>
#include <string>

namespace cellemu::models::air780ep {

// AT+SAPBR's bearers 1-3 (app-protocols.md §2.2; LM IP/SAPBR.md): the parameters each was given
// and whether it is open. Bearer 1 is the default PDN the module brings up at boot ("+CGEV: ME
// PDN ACT 1"), so it reads as open until AT+SAPBR=0,1 (OQ-A36); 2 and 3 start closed.
struct SapbrBearers {
  static constexpr int kCount = 3;

  struct Bearer {
    bool open = false;
    // The network took it down (+SAPBR <cid>: DEACT): closing it is Error 3 (LTH, OQ-A33).
    bool dropped = false;
    // AT+SAPBR=1 was sent for it: a PDN loss is then announced with +SAPBR <cid>: DEACT (§2.5).
    bool opened_by_host = false;
    std::string contype = "GPRS";
    std::string apn;
    std::string phonenum;
    std::string user;
    std::string pwd;
    std::string rate = "2";
  };

  SapbrBearers() { reset(); }

  void reset() {
    bearers_ = {};
    bearers_[0].open = true;
  }
  // cid 1..3.
  Bearer& at(int cid) { return bearers_.at(static_cast<std::size_t>(cid - 1)); }
  const Bearer& at(int cid) const { return bearers_.at(static_cast<std::size_t>(cid - 1)); }

 private:
  std::array<Bearer, kCount> bearers_;
};

}  // namespace cellemu::models::air780ep
