package didww

// CitiesService reads the cities of DIDWW coverage.
type CitiesService service

// City is a city of DIDWW coverage.
type City struct {
	ID   string `jsonapi:"primary,cities"`
	Name string `jsonapi:"attr,name"`
	// Country, Region and Area are filled when the request included them,
	// and hold only an ID when the response carried only linkage.
	Country *Country `didww:"rel,country"`
	Region  *Region  `didww:"rel,region"`
	Area    *Area    `didww:"rel,area"`
}

// Area is a numbering area that groups cities.
type Area struct {
	ID   string `jsonapi:"primary,areas"`
	Name string `jsonapi:"attr,name"`
}
