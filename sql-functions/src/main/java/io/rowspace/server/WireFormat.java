package io.rowspace.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.Handler;
import org.apache.calcite.avatica.remote.JsonHandler;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica's two wire formats as the server's HTTP end uses them: reading a request, writing and
 * reading an answer, and Avatica's handler that answers requests with a {@link Service}. A
 * server speaks one; the other lets it recognise, and answer in its own words, a client that
 * speaks the other.
 */
enum WireFormat {
  PROTOBUF("application/octet-stream;charset=utf-8") {
    private final ProtobufTranslation translation = new ProtobufTranslationImpl();

    @Override Service.Request parseRequest(byte[] body) throws IOException {
      return translation.parseRequest(body);
    }

    @Override byte[] serialize(Service.Response response) throws IOException {
      return translation.serializeResponse(response);
    }

    @Override Service.Response parseResponse(byte[] body) throws IOException {
      return translation.parseResponse(body);
    }

    @Override Handler<byte[]> handler(Service service) {
      return new ProtobufHandler(service, translation, NoopMetricsSystem.getInstance());
    }
  },

  JSON("application/json;charset=utf-8") {
    @Override Service.Request parseRequest(byte[] body) throws IOException {
      return JsonService.MAPPER.readValue(body, Service.Request.class);
    }

    @Override byte[] serialize(Service.Response response) throws IOException {
      return JsonService.MAPPER.writeValueAsBytes(response);
    }

    @Override Service.Response parseResponse(byte[] body) throws IOException {
      return JsonService.MAPPER.readValue(body, Service.Response.class);
    }

    @Override Handler<byte[]> handler(Service service) {
      JsonHandler json = new JsonHandler(service, NoopMetricsSystem.getInstance());
      return new Handler<>() {
        @Override public HandlerResponse<byte[]> apply(byte[] request) {
          HandlerResponse<String> answer = json.apply(
              new String(request, StandardCharsets.UTF_8));
          return new HandlerResponse<>(answer.getResponse().getBytes(StandardCharsets.UTF_8),
              answer.getStatusCode());
        }

        @Override public void setRpcMetadata(Service.RpcMetadataResponse metadata) {
          json.setRpcMetadata(metadata);
        }
      };
    }
  };

  private final String contentType;

  WireFormat(String contentType) {
    this.contentType = contentType;
  }

  static WireFormat of(Serialization serialization) {
    return serialization == Serialization.JSON ? JSON : PROTOBUF;
  }

  /** The HTTP content type of answers in this format. */
  String contentType() {
    return contentType;
  }

  /** The other format. */
  WireFormat other() {
    return this == PROTOBUF ? JSON : PROTOBUF;
  }

  /** The format's name as a client's {@code serialization} property and {@code serve} take it. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The request in {@code body}.
   *
   * @throws IOException or a runtime exception if {@code body} is no request in this format
   */
  abstract Service.Request parseRequest(byte[] body) throws IOException;

  abstract byte[] serialize(Service.Response response) throws IOException;

  abstract Service.Response parseResponse(byte[] body) throws IOException;

  /** Avatica's handler answering requests in this format with {@code service}. */
  abstract Handler<byte[]> handler(Service service);
}
