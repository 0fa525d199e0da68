package dev.btpboot.destination.mail;

import java.util.Map;
import java.util.Properties;

import dev.btpboot.connectivity.mail.MailSocketFactories;
import dev.btpboot.destination.DestinationOptions;
import dev.btpboot.destination.DestinationService;
import dev.btpboot.destination.DestinationSockets;
import dev.btpboot.destination.MailDestination;
import dev.btpboot.destination.ProxyType;
import dev.btpboot.security.CurrentUser;

/**
 * The Jakarta Mail settings of the MAIL destination named by {@code btp.connectivity.mail.destination}:
 * Spring Boot's {@code spring.mail.properties.*} and TLS bundle as the base, the destination's
 * {@code mail.*} over them, the caller's own properties last, and for {@code OnPremise} the
 * socket factories of the SOCKS5 tunnel with the destination's location id.
 */
final class DestinationMailSettings {

	private final String name;

	private final DestinationOptions options;

	private final DestinationService destinations;

	private final DestinationSockets sockets;

	private final Properties base;

	/**
	 * @param name the destination's name
	 * @param options the fragment merged into it ({@code btp.connectivity.mail.destination-fragment})
	 * @param destinations the destination service
	 * @param sockets sockets to the destination's system
	 * @param base Jakarta Mail properties every session starts from
	 */
	DestinationMailSettings(String name, DestinationOptions options, DestinationService destinations,
			DestinationSockets sockets, Properties base) {
		this.name = name;
		this.options = options;
		this.destinations = destinations;
		this.sockets = sockets;
		this.base = base;
	}

	/** @return the destination for the current tenant (cached by the destination service) */
	MailDestination destination() {
		return this.destinations.require(this.name, this.options, MailDestination.class,
				CurrentUser.get().orElse(null));
	}

	/**
	 * @param destination the destination
	 * @param own the caller's Jakarta Mail properties, or empty
	 * @return the properties of a session for it
	 */
	Properties properties(MailDestination destination, Map<Object, Object> own) {
		Properties properties = new Properties();
		properties.putAll(this.base);
		properties.putAll(destination.javaMailProperties());
		properties.putAll(own);
		if (destination.proxyType() == ProxyType.ON_PREMISE) {
			MailSocketFactories.apply(properties, this.sockets.socketFactory(destination));
		}
		return properties;
	}

}
