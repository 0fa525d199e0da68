package dev.btpboot.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * An IPv4 or IPv6 address, or a range of them in CIDR notation ({@code 10.0.0.0/8},
 * {@code fd00::/8}), read from an address literal only: a host name is refused rather than looked
 * up, so neither configuration nor a peer can make the application ask DNS. An IPv4 address
 * written as IPv6 ({@code ::ffff:10.1.2.3}) is the IPv4 address.
 *
 * @param network the address bytes, 4 or 16
 * @param prefixLength how many leading bits must match
 */
public record AddressRange(byte[] network, int prefixLength) {

	/**
	 * @param text an address or {@code address/prefix-length}
	 * @return the range
	 * @throws IllegalArgumentException when the text is neither, saying why
	 */
	public static AddressRange parse(String text) {
		String trimmed = (text != null) ? text.trim() : "";
		int slash = trimmed.indexOf('/');
		InetAddress address = literal((slash >= 0) ? trimmed.substring(0, slash) : trimmed);
		if (address == null) {
			throw new IllegalArgumentException("'" + trimmed + "' is not an IPv4 or IPv6 address literal");
		}
		int bits = address.getAddress().length * 8;
		if (slash < 0) {
			return new AddressRange(address.getAddress(), bits);
		}
		String prefix = trimmed.substring(slash + 1);
		if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bits) {
			throw new IllegalArgumentException("'" + trimmed + "' has a prefix length other than 0 to " + bits);
		}
		return new AddressRange(address.getAddress(), Integer.parseInt(prefix));
	}

	/**
	 * @param text what a socket or a server reports as an address
	 * @return the address, or {@code null} when the text is not an address literal
	 */
	public static InetAddress literal(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		if (text.indexOf(':') < 0) {
			return ipv4(text);
		}
		String ipv6 = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		if (!ipv6.toLowerCase(Locale.ROOT).matches("[0-9a-f:.]+(%[0-9a-z._-]+)?")) {
			return null;
		}
		try {
			// With a colon the JDK reads an IPv6 literal or fails; it never asks DNS.
			return InetAddress.getByName(ipv6);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** Dotted-quad only: the JDK would look up anything else, such as {@code 999.1.1.1}, in DNS. */
	private static InetAddress ipv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
				return null;
			}
			bytes[i] = (byte) Integer.parseInt(parts[i]);
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex); // four bytes are always an address
		}
	}

	/**
	 * @param address an address, or {@code null}
	 * @return whether it lies in this range (never for {@code null} or an address of the other family)
	 */
	public boolean contains(InetAddress address) {
		if (address == null) {
			return false;
		}
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int whole = this.prefixLength / 8;
		for (int i = 0; i < whole; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF00 >> rest) & 0xFF;
		return (candidate[whole] & mask) == (this.network[whole] & mask);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AddressRange range && range.prefixLength == this.prefixLength
				&& Arrays.equals(range.network, this.network);
	}

	@Override
	public int hashCode() {
		return 31 * Arrays.hashCode(this.network) + this.prefixLength;
	}

	@Override
	public String toString() {
		try {
			String address = InetAddress.getByAddress(this.network).getHostAddress();
			return (this.prefixLength == this.network.length * 8) ? address : address + "/" + this.prefixLength;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
