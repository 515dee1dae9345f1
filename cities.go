package didww

// CitiesService is a placeholder until its resource is written.
type CitiesService service
