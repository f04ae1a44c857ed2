package shanzhi.gateway.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;

import org.junit.jupiter.api.Test;

/** Which peers the demo issuer answers: loopback addresses only (the peer of the socket). */
class DemoTokenEndpointTest {

    @Test
    void loopbackPeersAreLocal() throws Exception {
        for (String address : new String[] {"127.0.0.1", "127.0.0.2", "127.255.255.254", "::1", "::ffff:127.0.0.1"}) {
            assertThat(DemoTokenEndpoint.isLocal(new InetSocketAddress(InetAddress.getByName(address), 40000)))
                    .as(address).isTrue();
        }
    }

    @Test
    void everyOtherPeerIsRemote() throws Exception {
        for (String address : new String[] {"10.0.0.1", "192.168.1.20", "203.0.113.9", "0.0.0.0", "128.0.0.1",
                "fe80::1", "::", "2001:db8::1", "::ffff:10.0.0.1"}) {
            assertThat(DemoTokenEndpoint.isLocal(new InetSocketAddress(InetAddress.getByName(address), 40000)))
                    .as(address).isFalse();
        }
        assertThat(DemoTokenEndpoint.isLocal(InetSocketAddress.createUnresolved("localhost", 40000))).isFalse();
        assertThat(DemoTokenEndpoint.isLocal(UnixDomainSocketAddress.of("/tmp/x"))).isFalse();
        assertThat(DemoTokenEndpoint.isLocal(null)).isFalse();
    }
}
