package shanzhi.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.DecoderHttpMessageReader;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * JSON maps to and from bytes with the server's own codecs, so a GET answer is encoded exactly as
 * Spring for GraphQL encodes a POST answer (and its ETag is the hash of those bytes).
 */
final class JsonCodec {
    private static final ResolvableType MAP = ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class);
    private final Encoder<Map<String, Object>> encoder;
    private final Decoder<Map<String, Object>> decoder;

    @SuppressWarnings("unchecked")
    JsonCodec(ServerCodecConfigurer codecs) {
        this.encoder = (Encoder<Map<String, Object>>) codecs.getWriters().stream()
                .filter(EncoderHttpMessageWriter.class::isInstance)
                .map(writer -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .filter(candidate -> candidate.canEncode(MAP, MediaType.APPLICATION_JSON))
                .findFirst().orElseThrow(() -> new IllegalStateException("No JSON encoder among the server's codecs"));
        this.decoder = (Decoder<Map<String, Object>>) codecs.getReaders().stream()
                .filter(DecoderHttpMessageReader.class::isInstance)
                .map(reader -> ((DecoderHttpMessageReader<?>) reader).getDecoder())
                .filter(candidate -> candidate.canDecode(MAP, MediaType.APPLICATION_JSON))
                .findFirst().orElseThrow(() -> new IllegalStateException("No JSON decoder among the server's codecs"));
    }

    byte[] encode(Map<String, Object> value) {
        DataBuffer buffer = encoder.encodeValue(value, DefaultDataBufferFactory.sharedInstance, MAP,
                MediaType.APPLICATION_JSON, null);
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        return bytes;
    }

    /** A JSON object; anything else (an array, a number, bad JSON) is an IllegalArgumentException. */
    Map<String, Object> decodeObject(String json) {
        String trimmed = json.strip();
        if (!trimmed.startsWith("{")) {
            throw new IllegalArgumentException("not a JSON object");
        }
        DataBuffer buffer = DefaultDataBufferFactory.sharedInstance.wrap(trimmed.getBytes(StandardCharsets.UTF_8));
        try {
            Map<String, Object> value = decoder.decode(buffer, MAP, MediaType.APPLICATION_JSON, null);
            if (value == null) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return value;
        } catch (org.springframework.core.codec.CodecException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        }
    }
}
