"""参数下发: the library, rule settings and deadlines sent down as a signed package."""
