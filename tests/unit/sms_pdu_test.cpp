// The TPDU codec against the byte-exact examples of spec services.md §2.15 and services-cases.md.
#include <gtest/gtest.h>

#include "emulator/sms/message_text.h"
#include "emulator/sms/pdu_codec.h"
#include "emulator/sms/unicode_text.h"
#include "tests/unit/sms_examples.h"

namespace cellemu::sms {
namespace {

using namespace examples;

std::string text(const UserData& ud, std::uint8_t dcs) {
  return u32_to_utf8(text_of(ud, DataCoding::from_octet(dcs)).value());
}

Timestamp at(int second) {
  return Timestamp{24, 7, 23, 16, 35, second, 32};
}

TEST(SmsPdu, DeliverD1DecodesAndReencodesByteExact) {
  const Pdu p = pdu(kD1);
  ASSERT_TRUE(p.sca);
  EXPECT_EQ(p.sca->value, "+8613800210500");
  EXPECT_EQ(p.sca->type, Address::kInternational);
  EXPECT_EQ(p.tpdu.size(), 25u);
  const auto d = decode_deliver(p.tpdu);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->first_octet(), 0x04);
  EXPECT_EQ(d->originator.value, "+8613912345678");
  EXPECT_EQ(d->originator.type, 145);
  EXPECT_EQ(d->service_centre_time, at(1));
  EXPECT_EQ(d->service_centre_time.text(), "24/07/23,16:35:01+32");
  EXPECT_EQ(text(d->user_data, d->dcs), "Hello");
  EXPECT_EQ(encode(*d), p.tpdu);
  EXPECT_EQ(to_hex(p.octets()), kD1);
}

TEST(SmsPdu, DeliverBuiltFromFieldsMatchesD1) {
  Deliver d;
  d.originator = Address::from_number("+8613912345678").value();
  d.service_centre_time = at(1);
  d.user_data.payload = {'H', 'e', 'l', 'l', 'o'};
  const Pdu p{Address::from_number("+8613800210500"), encode(d).value()};
  EXPECT_EQ(to_hex(p.octets()), kD1);
}

TEST(SmsPdu, DeliverUcs2AndLmExample) {
  const auto d2 = decode_deliver(pdu(kD2).tpdu);
  ASSERT_TRUE(d2);
  EXPECT_EQ(d2->dcs, 0x08);
  EXPECT_EQ(text(d2->user_data, d2->dcs), "你好");
  const auto dl = decode_deliver(pdu(kDL).tpdu);
  ASSERT_TRUE(dl);
  EXPECT_EQ(dl->originator.value, "+8613923614256");
  EXPECT_EQ(dl->service_centre_time.text(), "12/08/08,14:48:24+32");
  EXPECT_EQ(text(dl->user_data, dl->dcs), "will");
}

TEST(SmsPdu, EveryExampleRoundTrips) {
  for (const auto hex : {kD1, kD2, kDL, kC1, kC2, kR1}) {
    const Pdu p = pdu(hex);
    std::optional<Octets> again;
    if (message_type(p.tpdu[0]) == MessageType::Deliver) {
      again = encode(decode_deliver(p.tpdu).value());
    } else {
      again = encode(decode_status_report(p.tpdu).value());
    }
    EXPECT_EQ(to_hex(Pdu{p.sca, again.value()}.octets()), hex);
  }
  for (const auto hex : {kM1, kM1R, kML, kS1, kS2}) {
    const Pdu p = pdu(hex);
    EXPECT_FALSE(p.sca);
    EXPECT_EQ(to_hex(Pdu{p.sca, encode(decode_submit(p.tpdu).value()).value()}.octets()), hex);
  }
}

TEST(SmsPdu, SubmitM1FromFields) {
  Submit s;
  s.destination = Address::from_number("+8613912345678").value();
  s.validity = {VpFormat::Relative, 0xA7};
  s.user_data.payload = {'H', 'e', 'l', 'l', 'o'};
  EXPECT_EQ(s.first_octet(), 0x11);
  EXPECT_EQ(to_hex(Pdu{std::nullopt, encode(s).value()}.octets()), kM1);
  s.status_report_request = true;
  EXPECT_EQ(to_hex(Pdu{std::nullopt, encode(s).value()}.octets()), kM1R);
}

TEST(SmsPdu, SubmitLmExample) {
  const auto s = decode_submit(pdu(kML).tpdu);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reference, 0x10);
  EXPECT_EQ(s->destination.value, "+8613165410979");
  EXPECT_EQ(s->validity.format, VpFormat::Relative);
  EXPECT_EQ(s->validity.relative, 0x00);
  EXPECT_EQ(text(s->user_data, s->dcs), "感谢");
}

TEST(SmsPdu, NationalNumberOddDigits) {  // S-037: TP-DA 0B 81 31 08 10 83 00 F0
  Octets out;
  ASSERT_TRUE(encode_address(out, Address::from_number("13800138000").value(), AddressField::Tp));
  EXPECT_EQ(to_hex(out), "0B813108108300F0");
  OctetReader in(out);
  EXPECT_EQ(decode_address(in, AddressField::Tp)->value, "13800138000");
}

TEST(SmsPdu, ConcatenatedSegments) {
  const auto c1 = decode_deliver(pdu(kC1).tpdu);
  const auto c2 = decode_deliver(pdu(kC2).tpdu);
  ASSERT_TRUE(c1 && c2);
  EXPECT_EQ(c1->first_octet(), 0x44);
  const auto k1 = c1->user_data.concatenation();
  const auto k2 = c2->user_data.concatenation();
  ASSERT_TRUE(k1 && k2);
  EXPECT_EQ(*k1, (Concatenation{0x2A, 2, 1, false}));
  EXPECT_EQ(*k2, (Concatenation{0x2A, 2, 2, false}));
  EXPECT_EQ(text(c1->user_data, 0) + text(c2->user_data, 0), "Part one, part two.");
  EXPECT_EQ(c2->service_centre_time, at(3));
  const auto s1 = decode_submit(pdu(kS1).tpdu);
  ASSERT_TRUE(s1);
  EXPECT_EQ(s1->first_octet(), 0x51);
  EXPECT_EQ(text(s1->user_data, 0), "Part one, ");
}

TEST(SmsPdu, SixteenBitReference) {
  Submit s;
  s.destination = Address::from_number("+8613912345678").value();
  s.user_data.has_header = true;
  s.user_data.header.push_back(Concatenation{0x1234, 3, 2, true}.element());
  s.user_data.payload = {0x61, 0x62, 0x63};
  const auto back = decode_submit(encode(s).value());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->user_data.concatenation(), (Concatenation{0x1234, 3, 2, true}));
  EXPECT_EQ(text(back->user_data, 0), "abc");
}

TEST(SmsPdu, StatusReportR1) {
  const Pdu p = pdu(kR1);
  const auto r = decode_status_report(p.tpdu);
  ASSERT_TRUE(r);
  EXPECT_EQ(p.tpdu.size(), 26u);
  EXPECT_EQ(r->first_octet(), 0x06);
  EXPECT_EQ(r->reference, 1);
  EXPECT_EQ(r->recipient.value, "+8613912345678");
  EXPECT_EQ(r->service_centre_time, at(5));
  EXPECT_EQ(r->discharge_time, at(7));
  EXPECT_EQ(r->status, status::kReceived);
  StatusReport built;
  built.reference = 1;
  built.recipient = r->recipient;
  built.service_centre_time = at(5);
  built.discharge_time = at(7);
  EXPECT_EQ(encode(built), p.tpdu);
}

TEST(SmsPdu, StatusReportOptionalTail) {
  StatusReport r;
  r.recipient = Address::from_number("123").value();
  r.pid = 0;
  r.dcs = 0x08;
  r.user_data = UserData{false, {}, u32_to_ucs2(U"ok")};
  const auto back = decode_status_report(encode(r).value());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, r);
}

TEST(SmsPdu, AlphanumericOriginator) {
  Deliver d;
  d.originator = Address::alphanumeric("Cellemu").value();
  d.user_data.payload = {'x'};
  const Octets tpdu = encode(d).value();
  EXPECT_EQ(tpdu[1], 13);  // useful semi-octets: 7 septets = 49 bits
  EXPECT_EQ(tpdu[2], 0xD0);
  const auto back = decode_deliver(tpdu);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->originator, d.originator);
  EXPECT_FALSE(Address::alphanumeric("twelve chars"));
  EXPECT_FALSE(Address::alphanumeric("back`tick"));
}

TEST(SmsPdu, AbsoluteAndEnhancedValidity) {
  Submit s;
  s.destination = Address::from_number("5").value();
  s.validity.format = VpFormat::Absolute;
  s.validity.absolute = Timestamp{24, 12, 31, 23, 59, 59, -20};
  const Octets tpdu = encode(s).value();
  EXPECT_EQ(tpdu[0], 0x19);
  EXPECT_EQ(tpdu[tpdu.size() - 2], 0x0A);  // zone -20: swapped 02, sign bit 08
  EXPECT_EQ(decode_submit(tpdu), s);
  s.validity = {VpFormat::Enhanced, 0, {}, {1, 2, 3, 4, 5, 6, 7}};
  EXPECT_EQ(decode_submit(encode(s).value()), s);
}

TEST(SmsPdu, DecodersRejectMalformedInput) {
  const Octets m1 = pdu(kM1).tpdu;
  Octets longer = m1;
  longer.push_back(0);
  EXPECT_FALSE(decode_submit(longer));  // the <length> mismatch of S-030
  for (std::size_t n = 0; n < m1.size(); ++n) {
    EXPECT_FALSE(decode_submit(OctetView(m1).first(n))) << n;
  }
  EXPECT_FALSE(decode_deliver(m1));  // wrong TP-MTI
  Octets bad_digit = pdu(kD1).tpdu;
  bad_digit[4] = 0xAF;  // a pad nibble in the middle of the number
  EXPECT_FALSE(decode_deliver(bad_digit));
  Octets bad_time = pdu(kD1).tpdu;
  bad_time[12] = 0x4A;
  EXPECT_FALSE(decode_deliver(bad_time));
  Octets bad_udh = pdu(kC1).tpdu;
  bad_udh[22] = 0x07;  // the IE runs past the header
  EXPECT_FALSE(decode_deliver(bad_udh));
  EXPECT_FALSE(Pdu::split(Octets{0x0C, 0x91}));
}

TEST(SmsPdu, EncodersRefuseWhatCannotBeCoded) {
  Submit s;
  s.destination.value = "12x";
  EXPECT_FALSE(encode(s));
  s.destination = Address::from_number("1").value();
  s.user_data.payload.assign(161, 'a');
  EXPECT_FALSE(encode(s));
  s.user_data.payload.resize(160);
  EXPECT_TRUE(encode(s));
  s.dcs = 0x04;
  s.user_data.payload.assign(141, 0);
  EXPECT_FALSE(encode(s));
}

}  // namespace
}  // namespace cellemu::sms
