package shanzhi.gateway.authentication;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import shanzhi.api.Role;

/**
 * shanzhi.introspection.*: who may read the schema.
 *
 * @param roles the roles whose callers may run __schema, __type and Query._service { sdl };
 *              empty (the default) lets no one. The demo profile lists every role.
 */
@ConfigurationProperties("shanzhi.introspection")
public record IntrospectionProperties(@DefaultValue List<Role> roles) {

    public boolean allows(Set<Role> callerRoles) {
        return callerRoles.stream().anyMatch(roles::contains);
    }
}
