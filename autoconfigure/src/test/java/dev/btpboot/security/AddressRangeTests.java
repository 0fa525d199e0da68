package dev.btpboot.security;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Addresses and CIDR ranges of both families, read from literals only. */
class AddressRangeTests {

	@Test
	void anIpv4RangeContainsTheAddressesOfItsPrefix() {
		AddressRange range = AddressRange.parse("10.20.0.0/14");
		assertThat(range.contains(AddressRange.literal("10.20.0.1"))).isTrue();
		assertThat(range.contains(AddressRange.literal("10.23.255.255"))).isTrue();
		assertThat(range.contains(AddressRange.literal("10.24.0.0"))).isFalse();
		assertThat(range.contains(AddressRange.literal("10.19.255.255"))).isFalse();
		assertThat(AddressRange.parse("0.0.0.0/0").contains(AddressRange.literal("203.0.113.9"))).isTrue();
		assertThat(AddressRange.parse("192.168.1.7").contains(AddressRange.literal("192.168.1.7"))).isTrue();
		assertThat(AddressRange.parse("192.168.1.7").contains(AddressRange.literal("192.168.1.8"))).isFalse();
	}

	@Test
	void anIpv6RangeContainsTheAddressesOfItsPrefixAndNoIpv4Address() {
		AddressRange range = AddressRange.parse("fd00:1234::/32");
		assertThat(range.contains(AddressRange.literal("fd00:1234:ffff::1"))).isTrue();
		assertThat(range.contains(AddressRange.literal("fd00:1235::1"))).isFalse();
		assertThat(range.contains(AddressRange.literal("10.0.0.1"))).isFalse();
		assertThat(AddressRange.parse("::1").contains(AddressRange.literal("0:0:0:0:0:0:0:1"))).isTrue();
		assertThat(AddressRange.parse("[::1]").contains(AddressRange.literal("::1"))).isTrue();
		assertThat(AddressRange.parse("fe80::/10").contains(AddressRange.literal("fe80::1%1"))).isTrue();
	}

	@Test
	void anIpv4AddressWrittenAsIpv6IsTheIpv4Address() {
		assertThat(AddressRange.parse("127.0.0.0/8").contains(AddressRange.literal("::ffff:127.0.0.6"))).isTrue();
	}

	@Test
	void prefixLengthsThatDoNotByteAlignAreMaskedBitByBit() {
		AddressRange range = AddressRange.parse("172.16.0.0/12");
		assertThat(range.contains(AddressRange.literal("172.31.255.255"))).isTrue();
		assertThat(range.contains(AddressRange.literal("172.32.0.0"))).isFalse();
		assertThat(range.contains(AddressRange.literal("172.15.255.255"))).isFalse();
		assertThat(AddressRange.parse("10.0.0.5/24").contains(AddressRange.literal("10.0.0.200"))).isTrue();
	}

	@Test
	void hostNamesAndMalformedLiteralsAreRefusedWithoutAskingDns() {
		for (String text : new String[] { "localhost", "proxy.internal", "999.1.1.1", "1.2.3", "1.2.3.4.5", "01234",
				"10.0.0.0/33", "::1/129", "10.0.0.0/-1", "10.0.0.0/", "/8", "", "fd00::zz", "1.2.3.4%eth0" }) {
			assertThatIllegalArgumentException().as(text).isThrownBy(() -> AddressRange.parse(text));
		}
		assertThat(AddressRange.literal("localhost")).isNull();
		assertThat(AddressRange.literal(null)).isNull();
	}

	@Test
	void nothingContainsAnUnknownAddress() {
		assertThat(AddressRange.parse("0.0.0.0/0").contains(null)).isFalse();
		assertThat(PeerAddresses.isIn(null, PeerAddresses.LOOPBACK)).isFalse();
		assertThat(PeerAddresses.isIn("not-an-address", PeerAddresses.LOOPBACK)).isFalse();
	}

	@Test
	void loopbackIsAllOf127Slash8AndIpv6Loopback() throws Exception {
		for (String loopback : new String[] { "127.0.0.1", "127.0.0.6", "127.45.6.7", "::1", "0:0:0:0:0:0:0:1" }) {
			assertThat(PeerAddresses.isLoopback(loopback)).as(loopback).isTrue();
		}
		for (String remote : new String[] { "10.1.2.3", "128.0.0.1", "::2", "2001:db8::7", "0.0.0.0" }) {
			assertThat(PeerAddresses.isLoopback(remote)).as(remote).isFalse();
		}
		assertThat(AddressRange.literal("127.0.0.1")).isEqualTo(InetAddress.getByName("127.0.0.1"));
	}

	@Test
	void aRangeReadsAsItIsWritten() {
		assertThat(AddressRange.parse(" 10.0.0.0/8 ")).hasToString("10.0.0.0/8");
		assertThat(AddressRange.parse("10.1.2.3")).hasToString("10.1.2.3");
		assertThat(AddressRange.parse("10.0.0.0/8")).isEqualTo(AddressRange.parse("10.0.0.0/8"))
			.hasSameHashCodeAs(AddressRange.parse("10.0.0.0/8"))
			.isNotEqualTo(AddressRange.parse("10.0.0.0/9"));
	}

}
