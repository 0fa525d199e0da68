package dev.btpboot.samples.onpremisemail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Sends and reads mail and queries LDAP through the SAP connectivity proxy. */
@SpringBootApplication
@EnableConfigurationProperties(InboxProperties.class)
public class OnPremiseMailApplication {

	public static void main(String[] args) {
		SpringApplication.run(OnPremiseMailApplication.class, args);
	}

}
