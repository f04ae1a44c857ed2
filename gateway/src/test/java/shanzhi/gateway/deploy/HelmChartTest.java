package shanzhi.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The Helm chart in deploy/helm/shanzhi, linted and rendered by Helm itself (helm-java), the
 * rendered objects read into the Kubernetes object model: what a cluster would be given.
 */
class HelmChartTest {
    private static final Path CHART = Path.of("..", "deploy", "helm", "shanzhi").toAbsolutePath().normalize();
    private static final String RELEASE = "district";
    private static final String NAME = "district-shanzhi";
    private static final List<String> SECRET_KEYS = List.of(
            "SHANZHI_SOURCES_PEOPLE_USERNAME", "SHANZHI_SOURCES_PEOPLE_PASSWORD",
            "SHANZHI_SOURCES_GRID_USERNAME", "SHANZHI_SOURCES_GRID_PASSWORD",
            "SHANZHI_SOURCES_LEGAL_USERNAME", "SHANZHI_SOURCES_LEGAL_PASSWORD",
            "SHANZHI_SOURCES_SECURITY_USERNAME", "SHANZHI_SOURCES_SECURITY_PASSWORD",
            "SHANZHI_AUDIT_USERNAME", "SHANZHI_AUDIT_PASSWORD", "SHANZHI_REDIS_URL",
            "SHANZHI_CURSORS_KEY", "SHANZHI_AUDIT_HASH_KEY", "SHANZHI_EVIDENCE_SIGNING_SEED");

    private static List<HasMetadata> render(Map<String, String> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("shanzhi");
        values.forEach(template::set);
        String manifest = template.call();
        return Arrays.stream(manifest.split("(?m)^---\\s*$"))
                .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
                .map(document -> (HasMetadata) Serialization.unmarshal(document))
                .toList();
    }

    private static <T extends HasMetadata> Optional<T> only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found.size()).as("objects of kind %s", type.getSimpleName()).isLessThanOrEqualTo(1);
        return found.stream().findFirst();
    }

    private static Container gateway(List<HasMetadata> objects) {
        Deployment deployment = only(objects, Deployment.class).orElseThrow();
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void theChartPassesHelmLint() {
        assertThat(Files.isRegularFile(CHART.resolve("Chart.yaml"))).isTrue();
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("helm lint: %s", lint.getMessages()).isFalse();
    }

    @Test
    void theDeploymentProbesTheHealthGroupsAndStopsGracefully() {
        List<HasMetadata> objects = render(Map.of());
        Deployment deployment = only(objects, Deployment.class).orElseThrow();
        Container gateway = gateway(objects);

        assertHttpProbe(gateway.getLivenessProbe(), "/actuator/health/liveness");
        assertHttpProbe(gateway.getReadinessProbe(), "/actuator/health/readiness");
        assertHttpProbe(gateway.getStartupProbe(), "/actuator/health/liveness");
        assertThat(gateway.getStartupProbe().getFailureThreshold() * gateway.getStartupProbe().getPeriodSeconds())
                .as("time allowed for migrations at startup, s").isGreaterThanOrEqualTo(60);
        assertThat(gateway.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });

        assertThat(gateway.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "5");
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("grace period covers the preStop pause and Spring's 30 s shutdown").isGreaterThanOrEqualTo(5 + 30);
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();

        assertThat(gateway.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(gateway.getResources().getLimits().get("memory").toString()).isEqualTo("640Mi");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void configurationComesFromTheConfigMapAndEveryCredentialFromTheSecret() {
        List<HasMetadata> objects = render(Map.of("secrets.SHANZHI_CURSORS_KEY", "cursor-key-of-the-test"));
        Container gateway = gateway(objects);
        ConfigMap config = only(objects, ConfigMap.class).orElseThrow();
        Secret secret = only(objects, Secret.class).orElseThrow();

        assertThat(gateway.getEnvFrom()).singleElement()
                .satisfies(from -> assertThat(from.getConfigMapRef().getName()).isEqualTo(config.getMetadata().getName()));
        assertThat(config.getData())
                .containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                .containsEntry("SHANZHI_SOURCES_PEOPLE_URL", "postgresql://people-db.internal:5432/people")
                .containsEntry("SHANZHI_SOURCES_GRID_URL", "postgresql://grid-db.internal:5432/grid")
                .containsEntry("SHANZHI_SOURCES_LEGAL_URL", "postgresql://legal-db.internal:5432/legal")
                .containsEntry("SHANZHI_SOURCES_SECURITY_URL", "postgresql://security-db.internal:5432/security")
                .containsEntry("SHANZHI_AUDIT_URL", "postgresql://audit-db.internal:5432/audit")
                .containsEntry("SHANZHI_REDIS_KEY_PREFIX", "shanzhi:")
                .containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")
                .containsEntry("SHANZHI_TRACING_SAMPLING", "0.1")
                .doesNotContainKeys("SHANZHI_REDIS_URL", "SHANZHI_AUDIT_PASSWORD", "SHANZHI_CURSORS_KEY");
        assertThat(config.getData().values()).noneMatch(value -> value.contains("password"));

        Map<String, EnvVar> env = gateway.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
        for (String key : SECRET_KEYS) {
            assertThat(env).as("env").containsKey(key);
            var reference = env.get(key).getValueFrom().getSecretKeyRef();
            assertThat(reference.getName()).as("secret of %s", key).isEqualTo(secret.getMetadata().getName());
            assertThat(reference.getKey()).isEqualTo(key);
            assertThat(reference.getOptional()).as("%s is required", key).isNotEqualTo(Boolean.TRUE);
            assertThat(secret.getStringData()).containsKey(key);
        }
        assertThat(env.get("SHANZHI_AUDIT_MIGRATION_PASSWORD").getValueFrom().getSecretKeyRef().getOptional()).isTrue();
        assertThat(secret.getStringData()).containsEntry("SHANZHI_CURSORS_KEY", "cursor-key-of-the-test");
    }

    @Test
    void anExistingSecretIsReferencedAndNoneIsRendered() {
        List<HasMetadata> objects = render(Map.of("existingSecret", "shanzhi-credentials"));
        assertThat(only(objects, Secret.class)).isEmpty();
        gateway(objects).getEnv().stream().filter(env -> env.getValueFrom() != null).forEach(env ->
                assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("shanzhi-credentials"));
    }

    @Test
    void autoscalingOnCpuAndInFlightRequestsAndADisruptionBudget() {
        List<HasMetadata> objects = render(Map.of("autoscaling.inFlight.enabled", "true"));
        Deployment deployment = only(objects, Deployment.class).orElseThrow();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

        HorizontalPodAutoscaler hpa = only(objects, HorizontalPodAutoscaler.class).orElseThrow();
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric -> {
            assertThat(metric.getResource().getName()).isEqualTo("cpu");
            assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        });
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric -> {
            assertThat(metric.getType()).isEqualTo("Pods");
            assertThat(metric.getPods().getMetric().getName()).isEqualTo("shanzhi_http_in_flight_requests");
            assertThat(metric.getPods().getTarget().getAverageValue().toString()).isEqualTo("50");
        });
        assertThat(deployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();

        PodDisruptionBudget pdb = only(objects, PodDisruptionBudget.class).orElseThrow();
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());

        Service service = only(objects, Service.class).orElseThrow();
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void withoutAutoscalingTheDeploymentSetsItsReplicas() {
        List<HasMetadata> objects = render(Map.of("autoscaling.enabled", "false", "replicaCount", "3"));
        assertThat(only(objects, HorizontalPodAutoscaler.class)).isEmpty();
        assertThat(only(objects, Deployment.class).orElseThrow().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void optionalServiceMonitorAndIngress() {
        List<HasMetadata> plain = render(Map.of());
        assertThat(only(plain, Ingress.class)).isEmpty();
        assertThat(plain).noneMatch(object -> "ServiceMonitor".equals(object.getKind()));

        List<HasMetadata> objects = render(Map.of("serviceMonitor.enabled", "true", "ingress.enabled", "true",
                "ingress.tlsSecretName", "shanzhi-tls", "observability.otlpTracesEndpoint", "http://otel:4318/v1/traces"));
        GenericKubernetesResource monitor = objects.stream().filter(object -> "ServiceMonitor".equals(object.getKind()))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> scrape = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertThat(scrape).containsEntry("path", "/actuator/prometheus").containsEntry("port", "http");
        assertThat(scrape.get("authorization").toString()).contains("shanzhi-metrics-token");

        Ingress ingress = only(objects, Ingress.class).orElseThrow();
        assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("shanzhi-tls");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo(NAME);
        assertThat(only(objects, ConfigMap.class).orElseThrow().getData())
                .containsEntry("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", "http://otel:4318/v1/traces");
    }

    @Test
    void aMissingStoreAddressFailsTheRender() {
        assertThatThrownBy(() -> render(Map.of("stores.people.url", "")))
                .hasMessageContaining("stores.people.url");
    }
}
