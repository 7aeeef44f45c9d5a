def test_home_page_shows_the_public_process(client, process):
    response = client.get("/")
    assert response.status_code == 200
    assert "Zukunftsstrategie Test" in response.content.decode()
