#include "emulator/sms/sms_storages.h"

namespace cellemu::sms {

std::string_view storage_name(Storage s) {
  return s == Storage::Sm ? "SM" : "ME";
}

SmsStorages::SmsStorages(std::size_t sm_capacity, std::size_t me_capacity)
    : sm_(sm_capacity), me_(me_capacity) {}

std::optional<CmsCause> SmsStorages::lookup(std::string_view name, CmsCause invalid,
                                            Storage& out) const {
  for (const Storage s : {Storage::Sm, Storage::Me}) {
    if (name != storage_name(s)) continue;
    if (store(s).capacity() == 0) return CmsCause::NotSupported;
    out = s;
    return std::nullopt;
  }
  for (const std::string_view other : {"BM", "SR", "MT", "TA"}) {
    if (name == other) return CmsCause::NotSupported;
  }
  return invalid;
}

std::optional<CmsCause> SmsStorages::select(std::string_view mem1,
                                            std::optional<std::string_view> mem2,
                                            std::optional<std::string_view> mem3,
                                            CmsCause invalid) {
  Preferred next = preferred_;
  if (auto e = lookup(mem1, invalid, next.mem1)) return e;
  if (mem2) {
    if (auto e = lookup(*mem2, invalid, next.mem2)) return e;
  }
  if (mem3) {
    if (auto e = lookup(*mem3, invalid, next.mem3)) return e;
  }
  preferred_ = next;
  return std::nullopt;
}

std::array<SmsStorages::Usage, 3> SmsStorages::usage() const {
  std::array<Usage, 3> out{};
  const Storage mems[] = {preferred_.mem1, preferred_.mem2, preferred_.mem3};
  for (std::size_t i = 0; i < 3; ++i) {
    out[i] = {mems[i], store(mems[i]).used(), store(mems[i]).capacity()};
  }
  return out;
}

std::vector<Storage> SmsStorages::offered() const {
  std::vector<Storage> out;
  for (const Storage s : {Storage::Me, Storage::Sm}) {
    if (store(s).capacity() > 0) out.push_back(s);
  }
  return out;
}

}  // namespace cellemu::sms
