#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "emulator/sms/cms_cause.h"
#include "emulator/sms/message_store.h"

namespace cellemu::sms {

// The two storages the module has (spec services §2.1, OQ-S2): "SM" on the SIM, "ME" in flash.
enum class Storage { Sm, Me };
std::string_view storage_name(Storage s);  // "SM", "ME"

// Both storages and the +CPMS choice of which one each operation uses (27.005 §3.2.2): mem1 is
// read and deleted from (CMGR, CMGL, CMGD), mem2 written and sent from (CMGW, CMSS), mem3 receives
// new messages. A storage with capacity 0 does not exist (AT+CPMS answers CMS 303).
class SmsStorages {
 public:
  SmsStorages(std::size_t sm_capacity, std::size_t me_capacity);

  struct Preferred {
    Storage mem1 = Storage::Sm;
    Storage mem2 = Storage::Sm;
    Storage mem3 = Storage::Sm;
  };
  struct Usage {
    Storage storage;
    std::size_t used;
    std::size_t total;
  };

  // AT+CPMS=<mem1>[,<mem2>[,<mem3>]]: omitted memories keep their choice. On an error nothing
  // changes: CMS 303 for a 27.005 storage the module lacks ("BM", "SR", "MT", "TA", or one with
  // capacity 0), `invalid` (CMS 304 / 305 by +CMGF) for any other name.
  std::optional<CmsCause> select(std::string_view mem1, std::optional<std::string_view> mem2,
                                 std::optional<std::string_view> mem3, CmsCause invalid);
  const Preferred& preferred() const { return preferred_; }
  // Power-up: "SM","SM","SM" (the contents stay: SIM and flash keep them, spec §1.1).
  void reset_preferred() { preferred_ = Preferred{}; }
  // mem1, mem2, mem3 in order, for the +CPMS answers.
  std::array<Usage, 3> usage() const;
  // The storages offered (AT+CPMS=?), in the order of the spec's test answer: ME, SM.
  std::vector<Storage> offered() const;

  MessageStore& store(Storage s) { return s == Storage::Sm ? sm_ : me_; }
  const MessageStore& store(Storage s) const { return s == Storage::Sm ? sm_ : me_; }
  MessageStore& mem1() { return store(preferred_.mem1); }
  MessageStore& mem2() { return store(preferred_.mem2); }
  MessageStore& mem3() { return store(preferred_.mem3); }

 private:
  std::optional<CmsCause> lookup(std::string_view name, CmsCause invalid, Storage& out) const;

  MessageStore sm_;
  MessageStore me_;
  Preferred preferred_;
};

}  // namespace cellemu::sms
