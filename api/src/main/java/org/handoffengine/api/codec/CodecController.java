package org.handoffengine.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.handoffengine.api.web.ProblemResponses;
import org.handoffengine.journeys.codec.PayloadEncryption;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Temporal codec server protocol: {@code POST /codec/encode} and {@code /codec/decode} with
 * {@code {"payloads": [...]}} in protobuf's JSON mapping, as the Temporal UI and CLI send it. The
 * namespace may prefix the verb ({@code /codec/{namespace}/decode}, the CLI's templating) or come
 * as {@code X-Namespace}; the engine's key ring serves every namespace it writes to.
 */
@RestController
public class CodecController {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private final PayloadEncryption encryption;

  public CodecController(PayloadEncryption encryption) {
    this.encryption = encryption;
  }

  @PostMapping(
      path = {"/codec/encode", "/codec/{namespace}/encode"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> encode(
      @RequestBody(required = false) String body,
      @PathVariable(required = false) String namespace) {
    return transform(body, encryption::encode);
  }

  @PostMapping(
      path = {"/codec/decode", "/codec/{namespace}/decode"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> decode(
      @RequestBody(required = false) String body,
      @PathVariable(required = false) String namespace) {
    return transform(body, encryption::decode);
  }

  private static ResponseEntity<?> transform(
      String body, UnaryOperator<List<io.temporal.api.common.v1.Payload>> codec) {
    Payloads.Builder request = Payloads.newBuilder();
    try {
      PARSER.merge(body == null ? "" : body, request);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "the body must be {\"payloads\": [...]} in protobuf JSON: " + e.getMessage());
    }
    try {
      Payloads answer =
          Payloads.newBuilder().addAllPayloads(codec.apply(request.getPayloadsList())).build();
      return ResponseEntity.ok()
          .contentType(MediaType.APPLICATION_JSON)
          .body(PRINTER.print(answer));
    } catch (PayloadCodecException e) {
      return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      return problem(HttpStatus.INTERNAL_SERVER_ERROR, "could not print the payloads");
    }
  }

  private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemResponses.problem(status, detail));
  }
}
