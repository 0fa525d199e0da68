package dev.btpboot.samples.onpremisemail;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sends and reads mail and queries LDAP through the SAP connectivity proxy, with servers and
 * credentials from destinations.
 */
@SpringBootApplication
public class OnPremiseMailApplication {

	public static void main(String[] args) {
		SpringApplication.run(OnPremiseMailApplication.class, args);
	}

}
