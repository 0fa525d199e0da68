package dev.btpboot.data;

import dev.btpboot.binding.ConditionalOnServiceBinding;
import dev.btpboot.binding.HanaCredentials;
import dev.btpboot.binding.PostgresCredentials;

import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a database is bound and {@code spring.datasource.url} is not set: an explicit URL
 * wins over the binding (without this condition, our connection details would replace Boot's
 * properties-based ones).
 */
class OnDatabaseBindingCondition extends AllNestedConditions {

	OnDatabaseBindingCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(AnyDatabaseBinding.class)
	static class DatabaseBound {

	}

	@Conditional(NoDataSourceUrl.class)
	static class NoExplicitUrl {

	}

	/** A binding of PostgreSQL on SAP BTP, a servicebinding.io PostgreSQL binding or SAP HANA Cloud. */
	static class AnyDatabaseBinding extends AnyNestedCondition {

		AnyDatabaseBinding() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnServiceBinding(PostgresCredentials.SERVICE)
		static class PostgresOnBtp {

		}

		@ConditionalOnServiceBinding(PostgresCredentials.SERVICE_BINDING_TYPE)
		static class Postgres {

		}

		@ConditionalOnServiceBinding(HanaCredentials.SERVICE)
		static class Hana {

		}

	}

	static class NoDataSourceUrl extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			return StringUtils.hasText(url)
					? ConditionOutcome.noMatch("spring.datasource.url is set; it wins over a database binding")
					: ConditionOutcome.match("spring.datasource.url is not set");
		}

	}

}
