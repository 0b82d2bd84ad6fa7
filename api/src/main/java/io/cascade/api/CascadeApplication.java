package io.cascade.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Cascade: artifact events in, Drools decides, Camunda acts. */
@SpringBootApplication(scanBasePackages = "io.cascade")
public class CascadeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CascadeApplication.class, args);
    }
}
