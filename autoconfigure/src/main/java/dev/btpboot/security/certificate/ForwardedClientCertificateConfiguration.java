package dev.btpboot.security.certificate;

import dev.btpboot.security.BtpSecurityProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link ForwardedClientCertificates} rule, shared by JWT mode (proof of possession) and
 * certificate authentication, on both stacks.
 */
@Configuration(proxyBeanMethods = false)
public class ForwardedClientCertificateConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ForwardedClientCertificates btpForwardedClientCertificates(BtpSecurityProperties properties,
			Environment environment) {
		return ForwardedClientCertificates.of(properties.getForwardedClientCertificate(), environment);
	}

}
