package io.spindle.rest;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpData;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code multipart/form-data} request. Parts over 16 KiB are spooled to temporary
 * files in the upload directory, so that {@link #moveTo} is a rename on the same file system.
 * Decoding and moving touch the disk: use it on the blocking executor, never on an I/O thread.
 * {@link #close} deletes every part that was not moved.
 */
final class MultipartForm implements AutoCloseable {
    private final DefaultHttpDataFactory factory;
    private final HttpPostRequestDecoder decoder;

    private MultipartForm(DefaultHttpDataFactory factory, HttpPostRequestDecoder decoder) {
        this.factory = factory;
        this.decoder = decoder;
    }

    /** Decodes the request; one that is not well-formed multipart gives 400. */
    static MultipartForm decode(FullHttpRequest request, Path spoolDirectory) {
        if (!HttpPostRequestDecoder.isMultipart(request)) {
            throw RestHandlerException.badRequest("Expected a multipart/form-data request body, got Content-Type '"
                    + request.headers().get("Content-Type") + "'");
        }
        DefaultHttpDataFactory factory = new DefaultHttpDataFactory(DefaultHttpDataFactory.MINSIZE);
        factory.setBaseDir(spoolDirectory.toString());
        factory.setDeleteOnExit(false);
        try {
            return new MultipartForm(factory, new HttpPostRequestDecoder(factory, request));
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            factory.cleanAllHttpData();
            throw RestHandlerException.badRequest("Malformed multipart/form-data body: " + e.getMessage());
        }
    }

    /** The file parts with the given form name, in request order. */
    List<FileUpload> files(String name) {
        List<FileUpload> files = new ArrayList<>();
        List<InterfaceHttpData> parts = decoder.getBodyHttpDatas(name);
        if (parts != null) {
            for (InterfaceHttpData part : parts) {
                if (part instanceof FileUpload file) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** The bytes of the (file or field) part with the given name, or null when there is none. */
    byte[] bytes(String name) throws IOException {
        InterfaceHttpData part = decoder.getBodyHttpData(name);
        return part instanceof HttpData data ? data.get() : null;
    }

    /** Moves (or writes) an uploaded file to {@code target}, after which {@link #close} keeps it. */
    static void moveTo(FileUpload file, Path target) throws IOException {
        if (!file.renameTo(target.toFile())) {
            throw new IOException("Could not store the uploaded file at " + target);
        }
    }

    @Override
    public void close() {
        decoder.destroy();
        factory.cleanAllHttpData();
    }
}
